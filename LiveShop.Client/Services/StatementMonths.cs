using System.Globalization;

namespace LiveShop.Client.Services;

/// <summary>The months a statement picker offers: this month and the ones before it, newest first, as <c>yyyy-MM</c>.</summary>
public static class StatementMonths
{
    public static IReadOnlyList<string> Recent(int count = 12)
    {
        var now = DateTime.Now;
        var first = new DateTime(now.Year, now.Month, 1);
        return [.. Enumerable.Range(0, count).Select(i => first.AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture))];
    }
}
