using LiveShop.Shared;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Server.Features.Common;

/// <summary>Writes a <see cref="DomainException"/> (or an unreadable request) thrown by an endpoint as RFC 7807 ProblemDetails.</summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problemDetails, Microsoft.Extensions.Localization.IStringLocalizer<Resources.ServerText> text) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is DomainException refusal)
        {
            httpContext.Response.StatusCode = refusal.StatusCode;
            return await WriteAsync(httpContext, exception, ProblemFactory.FromRefusal(httpContext.Response, refusal, text));
        }

        if (DatabaseOutage.Is(exception))
        {
            var outage = DomainException.DatabaseUnavailable();
            httpContext.Response.StatusCode = outage.StatusCode;
            httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await WriteAsync(httpContext, exception, ProblemFactory.FromRefusal(httpContext.Response, outage, text));
        }

        var (status, code, detail) = exception switch
        {
            // A body over the endpoint's size limit (Kestrel stops reading it): the endpoint says why.
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } when ProblemFactory.TooLargeProblem(httpContext) is { } tooLarge
                => (StatusCodes.Status413PayloadTooLarge, tooLarge.Code, tooLarge.Refusal.Localize(text)),

            // A body that is not JSON, or of the wrong shape (thrown in Development; answered as 400 elsewhere).
            BadHttpRequestException bad => (bad.StatusCode, ProblemCodes.ValidationFailed, (QueryParameters.MalformedSentence(bad) ?? "The request could not be read. Check the fields and their formats.").Localize(text)),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await WriteAsync(httpContext, exception, ProblemFactory.Create(status, code, detail));
    }

    private async Task<bool> WriteAsync(HttpContext httpContext, Exception exception, ProblemDetails problem) =>
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
}

/// <summary>Builds ProblemDetails with the house conventions: <c>type</c> from the code, <c>code</c> extension.</summary>
internal static class ProblemFactory
{
    /// <summary>
    /// A refusal as the caller reads it: status, code, the sentence in the request's language and the refusal's
    /// facts; a too-many-requests refusal also sets <c>Retry-After</c> on <paramref name="response"/>.
    /// </summary>
    public static ProblemDetails FromRefusal(HttpResponse response, DomainException refusal, Microsoft.Extensions.Localization.IStringLocalizer<Resources.ServerText> text)
    {
        if (refusal.Kind == RefusalKind.TooManyRequests && refusal.Extensions.TryGetValue("retryAfterSeconds", out var seconds))
        {
            response.Headers.RetryAfter = Convert.ToString(seconds, System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = Create(refusal.StatusCode, refusal.Code, refusal.Localize(text));
        foreach (var (name, value) in refusal.Extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    public static ProblemDetails Create(int status, string code, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Type = ProblemCodes.TypeBase + code,
            Title = TitleFor(status),
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        return problem;
    }

    public static string TitleFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid.",
        StatusCodes.Status401Unauthorized => "Sign in first.",
        StatusCodes.Status403Forbidden => "You may not do this.",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status409Conflict => "Not possible in the current state.",
        StatusCodes.Status402PaymentRequired => "The payment did not go through.",
        StatusCodes.Status413PayloadTooLarge => "Too large.",
        StatusCodes.Status429TooManyRequests => "Too many requests.",
        _ => "The request failed.",
    };

    /// <summary>
    /// Every problem written: the default code for the framework's own (<see cref="AddDefaultCode"/>), then the title
    /// and a house sentence translated into the request's language (a refusal's detail is already translated).
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        AddDefaultCode(context);
        var text = context.HttpContext.RequestServices.GetService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.ServerText>>();
        if (text is null)
        {
            return;
        }

        var problem = context.ProblemDetails;
        if (problem.Title is { Length: > 0 } title && text[title] is { ResourceNotFound: false } translatedTitle)
        {
            problem.Title = translatedTitle.Value;
        }

        if (problem.Detail is { Length: > 0 } detail && text[detail] is { ResourceNotFound: false } translatedDetail)
        {
            problem.Detail = translatedDetail.Value;
        }
    }

    /// <summary>Fills in the code for problems the framework writes itself (401/403 from auth, 404, binding errors).</summary>
    public static void AddDefaultCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        if (problem.Status == StatusCodes.Status413PayloadTooLarge && TooLargeProblem(context.HttpContext) is { } tooLarge)
        {
            problem.Extensions["code"] = tooLarge.Code;
            problem.Type = ProblemCodes.TypeBase + tooLarge.Code;
            problem.Title = TitleFor(StatusCodes.Status413PayloadTooLarge);
            problem.Detail ??= context.HttpContext.RequestServices.GetService<Microsoft.Extensions.Localization.IStringLocalizer<Resources.ServerText>>() is { } text
                ? tooLarge.Refusal.Localize(text)
                : tooLarge.Refusal.Message;
            return;
        }

        var code = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => ProblemCodes.NotSignedIn,
            StatusCodes.Status403Forbidden => ProblemCodes.Forbidden,
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status413PayloadTooLarge => "request-too-large",
            >= StatusCodes.Status500InternalServerError => "server-error",
            _ => ProblemCodes.ValidationFailed,
        };
        problem.Extensions["code"] = code;
        problem.Type = ProblemCodes.TypeBase + code;
        problem.Detail ??= code switch
        {
            ProblemCodes.NotSignedIn => "Sign in (or continue as a guest) to do this.",
            ProblemCodes.Forbidden => "Your account does not have the role needed for this.",
            "not-found" => "There is nothing at this address.",
            "request-too-large" => "The request is larger than this address accepts.",
            "server-error" => "Something went wrong on our side. Nothing was changed; please try again.",
            _ => "The request could not be read. Check the fields and their formats.",
        };
    }

    /// <summary>The refusal an endpoint declares for a body over its size limit (<see cref="ITooLargeRequestProblem"/>), if any.</summary>
    internal static ITooLargeRequestProblem? TooLargeProblem(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ITooLargeRequestProblem>();
}

/// <summary>
/// Endpoint metadata: the code and sentence of the 413 written when the request body passes the
/// endpoint's size limit, whether the framework throws (Development) or only sets the status.
/// </summary>
public interface ITooLargeRequestProblem
{
    string Code { get; }

    /// <summary>The refusal whose sentence (translated into the request's language) is the problem's detail.</summary>
    DomainException Refusal { get; }
}
