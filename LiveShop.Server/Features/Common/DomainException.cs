using LiveShop.Shared;

namespace LiveShop.Server.Features.Common;

/// <summary>How a refusal maps onto HTTP.</summary>
public enum RefusalKind
{
    /// <summary>400: the input is wrong.</summary>
    Invalid,
    /// <summary>401: the caller must sign in.</summary>
    NotSignedIn,
    /// <summary>403: the caller may not do this.</summary>
    Forbidden,
    /// <summary>404: the thing named does not exist.</summary>
    NotFound,
    /// <summary>409: the thing is not in a state that allows this.</summary>
    Conflict,
    /// <summary>402: the payment was declined.</summary>
    PaymentRequired,
    /// <summary>413: the upload is larger than allowed.</summary>
    TooLarge,
    /// <summary>503: a service the step needs (e.g. mail) is not there now; nothing was changed.</summary>
    Unavailable,
    /// <summary>429: a rate limit; the <c>retryAfterSeconds</c> extension (and the Retry-After header) says when to try again.</summary>
    TooManyRequests,
}

/// <summary>
/// A refusal the caller should see: a stable <see cref="Code"/> from <see cref="ProblemCodes"/> and a
/// human sentence. Thrown before anything is written; turned into ProblemDetails by
/// <see cref="DomainExceptionHandler"/> and into a HubException by <see cref="DomainExceptionHubFilter"/>.
/// The sentence is an English template (the key in Resources/ServerText.resx) with its arguments ({0}, {1} …),
/// translated into the caller's language when it is written; <see cref="Exception.Message"/> is the English, for logs.
/// </summary>
public sealed class DomainException(RefusalKind kind, string code, string template, IReadOnlyDictionary<string, object?>? extensions = null, params object?[] arguments)
    : Exception(arguments.Length == 0 ? template : string.Format(System.Globalization.CultureInfo.InvariantCulture, template, arguments))
{
    public RefusalKind Kind { get; } = kind;

    /// <summary>The English sentence with {0}-style holes: the resource key.</summary>
    public string Template { get; } = template;

    /// <summary>What fills the holes (already formatted for the caller where it is money or a date).</summary>
    public IReadOnlyList<object?> Arguments { get; } = arguments;

    public string Code { get; } = code;

    /// <summary>Extra facts for the client (e.g. <c>currentPrice</c> on a price change), written as ProblemDetails extensions.</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public int StatusCode => Kind switch
    {
        RefusalKind.Invalid => StatusCodes.Status400BadRequest,
        RefusalKind.NotSignedIn => StatusCodes.Status401Unauthorized,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.PaymentRequired => StatusCodes.Status402PaymentRequired,
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        RefusalKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
    };

    public static DomainException Invalid(string code, string message, params object?[] arguments) => new(RefusalKind.Invalid, code, message, null, arguments);

    public static DomainException Forbidden(string code, string message, params object?[] arguments) => new(RefusalKind.Forbidden, code, message, null, arguments);

    public static DomainException NotFound(string code, string message, params object?[] arguments) => new(RefusalKind.NotFound, code, message, null, arguments);

    public static DomainException Conflict(string code, string message, params object?[] arguments) => new(RefusalKind.Conflict, code, message, null, arguments);

    public static DomainException Conflict(string code, string message, IReadOnlyDictionary<string, object?>? extensions, params object?[] arguments) =>
        new(RefusalKind.Conflict, code, message, extensions, arguments);

    public static DomainException TooLarge(string code, string message, params object?[] arguments) => new(RefusalKind.TooLarge, code, message, null, arguments);

    public static DomainException Unavailable(string code, string message, params object?[] arguments) => new(RefusalKind.Unavailable, code, message, null, arguments);

    /// <summary>The database did not answer (see <see cref="DatabaseOutage"/>): 503, try again shortly, nothing changed.</summary>
    public static DomainException DatabaseUnavailable() =>
        Unavailable(ProblemCodes.DatabaseUnavailable, "The shop's database is not answering right now. Please try again in a few seconds.");

    /// <summary>429 with <c>retryAfterSeconds</c>; see <see cref="Security.RateLimiting.TooMany"/> for the house sentence.</summary>
    public static DomainException TooManyRequests(string code, string message, TimeSpan retryAfter, params object?[] arguments) =>
        new(RefusalKind.TooManyRequests, code, message, new Dictionary<string, object?> { ["retryAfterSeconds"] = Security.RateLimiting.Seconds(retryAfter) }, arguments);

    public static DomainException NotSignedIn(string message) => new(RefusalKind.NotSignedIn, ProblemCodes.NotSignedIn, message);

    /// <summary>The sentence in the current UI culture (the caller's language), from <paramref name="text"/>.</summary>
    public string Localize(Microsoft.Extensions.Localization.IStringLocalizer text) =>
        Arguments.Count == 0 ? text[Template].Value : text[Template, [.. Arguments.Select(a => a switch { Phrase p => p.Localize(text), null => "", _ => a })]].Value;

    public static DomainException ShowNotFound() => NotFound(ProblemCodes.ShowNotFound, "There is no show with that id.");
}

/// <summary>
/// Words that fill a hole in a refusal and are translated with it ("pin products" in "Only the host of this show can {0}.",
/// an order's status): ServerText holds each as its own key. Converts from a string, so a helper that takes one
/// (<c>string whatFor</c> → <c>Phrase whatFor</c>) keeps its callers unchanged; never wrap user data in it.
/// </summary>
public readonly record struct Phrase(string Text, params object?[] Arguments)
{
    public static implicit operator Phrase(string text) => new(text);

    /// <summary>The words in the current UI culture, their own holes filled.</summary>
    public string Localize(Microsoft.Extensions.Localization.IStringLocalizer text) =>
        Arguments is null or [] ? text[Text].Value : text[Text, [.. Arguments.Select(a => a switch { Phrase p => p.Localize(text), null => "", _ => a })]].Value;

    /// <summary>An enum value shown to people (an order's status): its name is the key.</summary>
    public static Phrase Of<TEnum>(TEnum value) where TEnum : struct, Enum => new(value.ToString());

    public override string ToString() => Arguments is null or [] ? Text : string.Format(System.Globalization.CultureInfo.InvariantCulture, Text, Arguments);
}
