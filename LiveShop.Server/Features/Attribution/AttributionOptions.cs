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

    /// <summary>
    /// A browser that opens the same link again within this many minutes (with no other link opened
    /// in between) records no new touch. Default 30; 0 records every opening.
    /// </summary>
    public int TouchRepeatMinutes { get; set; } = 30;

    public TimeSpan Window => TimeSpan.FromDays(WindowDays);

    public TimeSpan TouchRepeat => TimeSpan.FromMinutes(TouchRepeatMinutes);

    public TimeSpan HalfLife => TimeSpan.FromHours(HalfLifeHours);
}
