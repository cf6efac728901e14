using System.Globalization;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using MudBlazor;

namespace LiveShop.Client.Components.Sales;

/// <summary>How the sales pages say numbers, durations and states in words.</summary>
public static class SalesFormat
{
    /// <summary>Shown where a number has no meaning yet (a rate over zero viewers, an average over no orders).</summary>
    public const string None = "—";

    /// <summary>A whole number with thousands separators: 12,345.</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percent with at most one decimal: 0.125 → "12.5%".</summary>
    public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Part of a whole as a percent, or <see cref="None"/> when the whole is zero.</summary>
    public static string Percent(int part, int whole) => whole <= 0 ? None : Percent((decimal)part / whole);

    /// <summary>A short duration the way a host says it: "45s", "1m 12s", "1h 5m".</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        if (span.TotalHours >= 1)
        {
            return $"{(int)span.TotalHours}h {span.Minutes}m";
        }

        return span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds}s" : $"{span.Seconds}s";
    }

    public static string ModelName(AttributionModel model) => model switch
    {
        AttributionModel.LastTouch => "Last touch",
        AttributionModel.FirstTouch => "First touch",
        AttributionModel.Linear => "Linear",
        AttributionModel.TimeDecay => "Time decay",
    };

    /// <summary>What each model does, in one sentence (the column header's tooltip).</summary>
    public static string ModelExplanation(AttributionModel model) => model switch
    {
        AttributionModel.LastTouch => "All of an order's value goes to the last link the buyer opened.",
        AttributionModel.FirstTouch => "All of an order's value goes to the first link the buyer opened.",
        AttributionModel.Linear => "An order's value is shared equally by every link the buyer opened.",
        AttributionModel.TimeDecay => "An order's value is shared by the links the buyer opened, recent ones weighing more.",
    };

    public static string Status(OrderStatus status) => OrderStatusChip.Label(status);

    public static Color StatusColor(OrderStatus status) => OrderStatusChip.ColorOf(status);

    /// <summary>Only paid and cash-on-delivery orders can be marked shipped.</summary>
    public static bool CanShip(OrderStatus status) => status is OrderStatus.Paid or OrderStatus.CashOnDelivery;

    public static string Channel(SalesChannel channel) => channel switch
    {
        SalesChannel.Live => "Live",
        SalesChannel.Replay => "Replay",
        SalesChannel.Link => "Share link",
    };

    /// <summary>How a flash price ended, or that it still runs.</summary>
    public static string EndReason(FlashSaleEndReason? reason) => reason is not { } ended ? "Still running" : ended switch
    {
        FlashSaleEndReason.Expired => "Time ran out",
        FlashSaleEndReason.SoldOut => "Sold out",
        FlashSaleEndReason.EndedByHost => "Ended early by the host",
        FlashSaleEndReason.ShowEnded => "The show ended",
    };

    /// <summary>"2 × Jade Roller, 1 × Silk scarf (Red)": a line's variant in brackets.</summary>
    public static string Lines(IReadOnlyList<OrderLineDto> lines) =>
        lines.Count == 0 ? None : string.Join(", ", lines.Select(l => l.VariantLabel is { } variant ? $"{l.Quantity} × {l.Name} ({variant})" : $"{l.Quantity} × {l.Name}"));

    /// <summary>A time in the user's own zone: "14:05" today, "14 Mar 14:05" otherwise.</summary>
    public static string Time(DateTimeOffset at, DateTimeOffset now)
    {
        var local = at.ToLocalTime();
        return local.Date == now.ToLocalTime().Date
            ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("d MMM HH:mm", CultureInfo.InvariantCulture);
    }
}
