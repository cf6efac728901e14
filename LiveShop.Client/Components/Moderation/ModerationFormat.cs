using System.Globalization;
using static LiveShop.Client.Resources.HostTextLocalizer;

namespace LiveShop.Client.Components.Moderation;

/// <summary>How the moderation screens word times and durations, in the person's language.</summary>
public static class ModerationFormat
{
    /// <summary>The timeouts the chat menu offers, in seconds (10 s to 24 h, as the server allows).</summary>
    public static readonly IReadOnlyList<int> TimeoutChoices = [10, 60, 600, 3600, 86400];

    /// <summary>The usual slow-mode choices, in seconds (0 = off); "Custom…" sets any other from 1 to <c>Limits.SlowModeMaxSeconds</c>.</summary>
    public static readonly IReadOnlyList<int> SlowModeChoices = [0, 5, 10, 30, 60, 120];

    /// <summary>"10 s", "1 min", "10 min", "1 h", "24 h", "1 h 30 min".</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (int)Math.Ceiling(Math.Max(0, span.TotalSeconds));
        return seconds switch
        {
            < 60 => L["{0} s", seconds],
            < 3600 => L["{0} min", (int)Math.Ceiling(seconds / 60.0)],
            _ when seconds % 3600 == 0 => L["{0} h", seconds / 3600],
            _ => L["{0} h {1} min", seconds / 3600, (int)Math.Ceiling(seconds % 3600 / 60.0)],
        };
    }

    /// <summary>An exact number of seconds, as slow mode states it: "45 s", "1 min", "1 min 30 s", "1 h".</summary>
    public static string Seconds(int seconds)
    {
        var parts = new List<string>(3);
        if (seconds >= 3600)
        {
            parts.Add(L["{0} h", seconds / 3600]);
        }

        if (seconds % 3600 / 60 is > 0 and var minutes)
        {
            parts.Add(L["{0} min", minutes]);
        }

        if (seconds % 60 > 0 || parts.Count == 0)
        {
            parts.Add(L["{0} s", seconds % 60]);
        }

        return string.Join(' ', parts);
    }

    /// <summary>"just now", "3 min ago", "2 h ago", on the server's clock.</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset serverNow)
    {
        var ago = serverNow - at;
        return ago.TotalSeconds switch
        {
            < 45 => L["just now"],
            < 3600 => L["{0} min ago", Math.Max(1, (int)Math.Round(ago.TotalMinutes))],
            < 86400 => L["{0} h ago", (int)ago.TotalHours],
            _ => at.ToString(CultureInfo.CurrentCulture.DateTimeFormat.MonthDayPattern, CultureInfo.CurrentCulture),
        };
    }

    /// <summary>
    /// A server time as the device's clock shows it, in the device's time zone ("20:45:10"): the moment the
    /// device reads that time is the moment the server reaches <paramref name="serverTime"/>.
    /// </summary>
    public static string ClockTime(DateTimeOffset serverTime, TimeSpan clockOffset, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(serverTime - clockOffset, zone).ToString("T", CultureInfo.CurrentCulture);
}
