using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Security;

/// <summary>
/// Refuses requests another site makes a browser send (cross-site request forgery), before they reach an endpoint:
/// <list type="number">
/// <item>an unsafe API call (POST, PUT, PATCH, DELETE) or any request to the hub (negotiate, WebSocket) whose
/// <c>Origin</c> is not this site (nor one of <c>Security:AllowedOrigins</c>), or which has no Origin but
/// <c>Sec-Fetch-Site: cross-site</c>;</item>
/// <item>an unsafe API call that carries the sign-in cookie but is neither JSON (which a foreign page cannot send
/// without a CORS preflight the server never grants) nor carries a valid antiforgery token in the
/// <see cref="ApiRoutes.AntiforgeryHeader"/> header (bodiless POSTs, multipart uploads).</item>
/// </list>
/// Both answer 403 <c>cross-site-refused</c> and change nothing. Callers without the cookie (the Stripe webhook,
/// server-to-server calls, the load tool's SignalR clients, which send no Origin) are not affected.
/// </summary>
public static class CrossSiteRequests
{
    public static WebApplicationBuilder AddLiveShopCrossSiteRequests(this WebApplicationBuilder builder)
    {
        builder.Services.AddAntiforgery(options => options.HeaderName = ApiRoutes.AntiforgeryHeader);
        return builder;
    }

    /// <summary>Runs after authentication (the antiforgery token is bound to the signed-in user) and before authorization and the endpoints.</summary>
    public static IApplicationBuilder UseLiveShopCrossSiteRequests(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var allowed = options.AllowedOrigins.Select(NormalizeOrigin).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var cookieName = app.ApplicationServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? ".AspNetCore.Identity.Application";
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CrossSiteRequests));

        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            var hub = request.Path.StartsWithSegments(HubRoutes.Live);
            var unsafeApi = request.Path.StartsWithSegments("/api") && !IsSafe(request.Method);
            if (!hub && !unsafeApi)
            {
                await next(context);
                return;
            }

            if (IsForeign(request, allowed))
            {
                logger.LogInformation("Refused a cross-site {Method} {Path} from origin {Origin}", request.Method, request.Path, Sanitize(request.Headers.Origin));
                await RefuseAsync(context, "Requests from other sites are not accepted. Open LiveShop itself and try again.");
                return;
            }

            if (unsafeApi && CarriesCookie(request, cookieName) && !IsJson(request)
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                logger.LogInformation("Refused a {Method} {Path} with the sign-in cookie but no valid antiforgery token", request.Method, request.Path);
                await RefuseAsync(context, "This request needs the page's security token. Reload the page and try again.");
                return;
            }

            await next(context);
        });
    }

    /// <summary><c>GET /api/antiforgery</c>: a fresh request token for the caller (bound to who is signed in), and its cookie.</summary>
    public static IEndpointRouteBuilder MapAntiforgeryEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Antiforgery, Token).WithTags("Security").WithName("AntiforgeryToken")
            .WithSummary($"A request token for bodiless and multipart calls made with the sign-in cookie: send it in the {ApiRoutes.AntiforgeryHeader} header.");
        return app;
    }

    /// <summary><c>scheme://host[:port]</c> in lower case with the default port left out, or null when <paramref name="origin"/> is not an origin.</summary>
    public static string? NormalizeOrigin(string? origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }

    private static Ok<AntiforgeryTokenDto> Token(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryTokenDto(tokens.RequestToken!, ApiRoutes.AntiforgeryHeader));
    }

    private static bool IsForeign(HttpRequest request, HashSet<string> allowed)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            // No Origin (an old browser, or not a browser): only the browser's own word that the request is cross-site counts.
            return string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase);
        }

        var normalized = NormalizeOrigin(origin);
        return normalized is null
            || (!string.Equals(normalized, NormalizeOrigin($"{request.Scheme}://{request.Host}"), StringComparison.OrdinalIgnoreCase) && !allowed.Contains(normalized));
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    /// <summary>The sign-in cookie, whole or in chunks (<c>liveshop.authC1</c>…).</summary>
    private static bool CarriesCookie(HttpRequest request, string cookieName) =>
        request.Cookies.Keys.Any(k => k.StartsWith(cookieName, StringComparison.Ordinal));

    /// <summary><c>application/json</c> (or <c>application/*+json</c>): a content type a form or a simple cross-site fetch cannot send.</summary>
    private static bool IsJson(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.HasValue
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.MediaType.Value!.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.MediaType.Value.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private static async Task RefuseAsync(HttpContext context, string sentence)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemFactory.Create(StatusCodes.Status403Forbidden, ProblemCodes.CrossSiteRefused, sentence),
        });
    }

    /// <summary>The Origin as logged: at most 100 characters, no line breaks (it is the caller's text).</summary>
    private static string Sanitize(string? origin) =>
        origin is null ? "" : new string([.. origin.Take(100).Select(c => char.IsControl(c) ? '?' : c)]);
}
