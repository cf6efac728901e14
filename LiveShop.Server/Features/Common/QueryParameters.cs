using System.Globalization;
using System.Text.RegularExpressions;
using LiveShop.Shared;

namespace LiveShop.Server.Features.Common;

/// <summary>
/// Checks for query-string values that bind but make no sense (a page of -1, a date in year 1, an enum number that
/// names nothing): each is refused with a 400 <c>validation-failed</c> that names the parameter and its range,
/// before the query runs. Values that do not bind at all (<c>?to=yesterday</c>) are answered by
/// <see cref="MalformedSentence"/> through the exception handler.
/// </summary>
public static partial class QueryParameters
{
    /// <summary>The highest page number any list accepts: far past the last row, and <c>page * size</c> stays an int.</summary>
    public const int MaxPage = 100_000;

    /// <summary>Search text longer than this is refused (no name, SKU or e-mail is that long).</summary>
    public const int SearchMaxLength = 200;

    /// <summary>Instants before this are refused: nothing in LiveShop happened earlier, and date arithmetic near year 1 overflows.</summary>
    public static readonly DateTimeOffset EarliestInstant = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Instants after this are refused (see <see cref="EarliestInstant"/>).</summary>
    public static readonly DateTimeOffset LatestInstant = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly EarliestDay = DateOnly.FromDateTime(EarliestInstant.UtcDateTime);
    private static readonly DateOnly LatestDay = DateOnly.FromDateTime(LatestInstant.UtcDateTime);

    /// <summary>A page number: absent, or 0 to <see cref="MaxPage"/>.</summary>
    public static int? Page(int? page, string name = "page") =>
        page is null or (>= 0 and <= MaxPage) ? page : throw Refuse("“{0}” must be a whole number from 0 to {1} (pages are numbered from 0).", name, MaxPage.ToString("N0", CultureInfo.InvariantCulture));

    /// <summary>A page size: absent, or 1 to <paramref name="max"/>.</summary>
    public static int? PageSize(int? size, int max, string name = "pageSize") =>
        size is null || (size >= 1 && size <= max) ? size : throw Refuse("“{0}” must be a whole number from 1 to {1}.", name, max);

    /// <summary>Search text: absent, or at most <see cref="SearchMaxLength"/> characters.</summary>
    public static string? Search(string? text, string name = "search") =>
        text is null || text.Length <= SearchMaxLength ? text : throw Refuse("“{0}” can be at most {1} characters.", name, SearchMaxLength);

    /// <summary>An instant: absent, or between 2000-01-01 and 2100-01-01 (UTC).</summary>
    public static DateTimeOffset? Instant(DateTimeOffset? value, string name) =>
        value is null || (value >= EarliestInstant && value <= LatestInstant) ? value
            : throw Refuse("“{0}” must be a date and time between 2000-01-01 and 2100-01-01, e.g. 2026-12-01T00:00:00Z.", name);

    /// <summary>A day: absent, or between 2000-01-01 and 2100-01-01.</summary>
    public static DateOnly? Day(DateOnly? value, string name) =>
        value is null || (value >= EarliestDay && value <= LatestDay) ? value
            : throw Refuse("“{0}” must be a day between 2000-01-01 and 2100-01-01, e.g. 2026-12-01.", name);

    /// <summary>An enum value: absent, or one the enum names (a bare number such as <c>99</c> binds but names nothing).</summary>
    public static TEnum? Named<TEnum>(TEnum? value, string name)
        where TEnum : struct, Enum =>
        value is null || Enum.IsDefined(value.Value) ? value
            : throw Refuse("“{0}” must be one of {1}.", name, string.Join(", ", Enum.GetNames<TEnum>()));

    /// <summary>A currency code: absent (or empty), or one LiveShop sells in.</summary>
    public static string? Currency(string? code, string name = "currency") =>
        string.IsNullOrEmpty(code) || Currencies.IsSupported(code) ? code
            : throw Refuse("“{0}” must be one of {1}.", name, string.Join(", ", Currencies.Supported));

    /// <summary>
    /// The sentence for a query or route value that did not bind (the framework's <see cref="BadHttpRequestException"/>
    /// says <c>Failed to bind parameter "DateTimeOffset? to" from "yesterday".</c>), or null for other unreadable requests.
    /// The caller's value is not repeated: it is theirs to see, and may be long.
    /// </summary>
    public static Phrase? MalformedSentence(BadHttpRequestException exception)
    {
        var match = FailedToBind().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }

        var type = match.Groups["type"].Value.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', '>', ']', '[');
        var name = match.Groups["name"].Value;
        return type switch
        {
            "DateTimeOffset" or "DateTime" => new Phrase("“{0}” must be a date and time such as 2026-12-01T00:00:00Z.", name),
            "DateOnly" => new Phrase("“{0}” must be a day such as 2026-12-01.", name),
            "Int32" or "int" or "Int64" or "long" => new Phrase("“{0}” must be a whole number.", name),
            "Boolean" or "bool" => new Phrase("“{0}” must be true or false.", name),
            "Guid" => new Phrase("“{0}” must be an id such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301.", name),
            _ => new Phrase("“{0}” must be a valid value.", name),
        };
    }

    private static DomainException Refuse(string sentence, params object?[] arguments) => DomainException.Invalid(ProblemCodes.ValidationFailed, sentence, arguments);

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^ "]+)" from""", RegexOptions.CultureInvariant)]
    private static partial Regex FailedToBind();
}
