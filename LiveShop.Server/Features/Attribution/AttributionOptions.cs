using LiveShop.Shared.Sales;

namespace LiveShop.Server.Features.Attribution;

/// <summary>Configuration section <c>Attribution</c>: how long a share link's touch counts, and how credit is split.</summary>
public sealed class AttributionOptions
{
    public const string Section = "Attribution";

    /// <summary>Touches older than this before the order do not count. Default 7 days.</summary>
    public int WindowDays { get; set; } = 7;

    /// <summary>Time-decay model: a touch this many hours older gets half the weight. Default 24 h.</summary>
    public double HalfLifeHours { get; set; } = 24;

    /// <summary>The model the dashboard highlights and earnings reports use. Default last-touch.</summary>
    public AttributionModel Model { get; set; } = AttributionModel.LastTouch;

    public TimeSpan Window => TimeSpan.FromDays(WindowDays);

    public TimeSpan HalfLife => TimeSpan.FromHours(HalfLifeHours);
}
