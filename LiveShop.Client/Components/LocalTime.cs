using System.Globalization;

namespace LiveShop.Client.Components;

/// <summary>A moment as the reader's device shows it, in their language: one place for the formats pages repeat.</summary>
public static class LocalTime
{
    /// <summary>Date and time in full ("Tuesday, December 15, 2026 4:09 AM"): a deadline a person acts by.</summary>
    public static string Long(DateTimeOffset at) => at.ToLocalTime().ToString("f", CultureInfo.CurrentCulture);

    /// <summary>Short date and time ("12/15/2026 4:09 AM"): a step in a list or a timeline.</summary>
    public static string Short(DateTimeOffset at) => at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);
}
