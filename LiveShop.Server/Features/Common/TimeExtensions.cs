namespace LiveShop.Server.Features.Common;

public static class TimeExtensions
{
    /// <summary>
    /// The time in UTC, to the millisecond. Stored times keep no more (SQLite's encoding), so every
    /// time the server hands out is cut to the millisecond first and reads back identical.
    /// </summary>
    public static DateTimeOffset ToMilliseconds(this DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>The start of the time's minute, in UTC (the dashboard's chart buckets).</summary>
    public static DateTimeOffset ToMinute(this DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }
}
