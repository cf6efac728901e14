using System.Globalization;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using MudBlazor;
using static LiveShop.Client.Resources.HostTextLocalizer;

namespace LiveShop.Client.Components.Sales;

/// <summary>How the sales pages say numbers, durations and states in words, in the person's language and number format.</summary>
public static class SalesFormat
{
    /// <summary>Shown where a number has no meaning yet (a rate over zero viewers, an average over no orders).</summary>
    public const string None = "—";

    /// <summary>A whole number with the culture's thousands separators: 12,345 (12.345 in Greek).</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A fraction as a percent with at most one decimal: 0.125 → "12.5%" ("12,5%" in Greek).</summary>
    public static string Percent(decimal fraction) => L["{0}%", (fraction * 100m).ToString("0.#", CultureInfo.CurrentCulture)];

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
            return L["{0}h {1}m", (int)span.TotalHours, span.Minutes];
        }

        return span.TotalMinutes >= 1 ? L["{0}m {1}s", (int)span.TotalMinutes, span.Seconds] : L["{0}s", span.Seconds];
    }

    public static string ModelName(AttributionModel model) => model switch
    {
        AttributionModel.LastTouch => L["Last touch"],
        AttributionModel.FirstTouch => L["First touch"],
        AttributionModel.Linear => L["Linear"],
        AttributionModel.TimeDecay => L["Time decay"],
    };

    /// <summary>What each model does, in one sentence (the column header's tooltip).</summary>
    public static string ModelExplanation(AttributionModel model) => model switch
    {
        AttributionModel.LastTouch => L["All of an order's value goes to the last link the buyer opened."],
        AttributionModel.FirstTouch => L["All of an order's value goes to the first link the buyer opened."],
        AttributionModel.Linear => L["An order's value is shared equally by every link the buyer opened."],
        AttributionModel.TimeDecay => L["An order's value is shared by the links the buyer opened, recent ones weighing more."],
    };

    public static string Status(OrderStatus status) => OrderStatusChip.Label(status);

    public static Color StatusColor(OrderStatus status) => OrderStatusChip.ColorOf(status);

    /// <summary>Only paid and cash-on-delivery orders can be marked shipped.</summary>
    public static bool CanShip(OrderStatus status) => status is OrderStatus.Paid or OrderStatus.CashOnDelivery;

    public static string Channel(SalesChannel channel) => channel switch
    {
        SalesChannel.Live => L["Live"],
        SalesChannel.Replay => L["Replay"],
        SalesChannel.Link => L["Share link"],
    };

    /// <summary>How a flash price ended, or that it still runs.</summary>
    public static string EndReason(FlashSaleEndReason? reason) => reason is not { } ended ? L["Still running"] : ended switch
    {
        FlashSaleEndReason.Expired => L["Time ran out"],
        FlashSaleEndReason.SoldOut => L["Sold out"],
        FlashSaleEndReason.EndedByHost => L["Ended early by the host"],
        FlashSaleEndReason.ShowEnded => L["The show ended"],
    };

    /// <summary>"2 × Jade Roller, 1 × Silk scarf (Red)": a line's variant in brackets.</summary>
    public static string Lines(IReadOnlyList<OrderLineDto> lines) =>
        lines.Count == 0 ? None : string.Join(", ", lines.Select(l => l.VariantLabel is { } variant ? L["{0} × {1} ({2})", l.Quantity, l.Name, variant] : L["{0} × {1}", l.Quantity, l.Name]));

    /// <summary>A time in the user's own zone and culture: "14:05" today, "14 Mar 14:05" otherwise (the culture's month-day pattern).</summary>
    public static string Time(DateTimeOffset at, DateTimeOffset now)
    {
        var local = at.ToLocalTime();
        return local.Date == now.ToLocalTime().Date
            ? local.ToString("t", CultureInfo.CurrentCulture)
            : local.ToString(CultureInfo.CurrentCulture.DateTimeFormat.MonthDayPattern, CultureInfo.CurrentCulture) + " " + local.ToString("t", CultureInfo.CurrentCulture);
    }
}
