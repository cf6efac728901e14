using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Security;

/// <summary>
/// The headers every answer carries (pages, API, static files, errors): Content-Security-Policy with a fresh script
/// nonce per response, <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy</c>. Set when the response starts,
/// so an error page written after the exception handler cleared the headers still has them.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "liveshop.csp-nonce";

    /// <summary>The nonce of this response's policy, for the page's one inline script (Blazor's import map).</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        // Hex: nothing for HTML to escape in the attribute (a base64 "+" would be written as &#x2B;).
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static WebApplicationBuilder AddLiveShopSecurityOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
            .Validate(o => !o.Problems().Any(), "Security: an allowed origin or a Content-Security-Policy source is not valid (see docs/security.md).")
            .ValidateOnStart();
        return builder;
    }

    public static IApplicationBuilder UseLiveShopSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(Nonce(context), options.ContentSecurityPolicy);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>
    /// What the app loads: its own files; WebAssembly ('wasm-unsafe-eval'); the import map by nonce; MudBlazor's inline
    /// styles; Stripe's script, frames and API (checkout with Stripe); video from any https host (a show's stream URL
    /// is the host's choice) and from blob: (hls.js feeds MediaSource); the hub's WebSocket ('self') and the ACS SDK's
    /// https/wss services; nothing may frame the app.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce, SecurityOptions.CspSources extra) => string.Join("; ",
        "default-src 'self'",
        Directive("script-src", ["'self'", "'wasm-unsafe-eval'", $"'nonce-{nonce}'", "https://js.stripe.com", "https://*.js.stripe.com"], extra.ScriptSrc),
        Directive("style-src", ["'self'", "'unsafe-inline'"], extra.StyleSrc),
        Directive("img-src", ["'self'", "data:", "blob:", "https://*.stripe.com"], extra.ImgSrc),
        Directive("font-src", ["'self'", "data:"], extra.FontSrc),
        Directive("media-src", ["'self'", "blob:", "https:"], extra.MediaSrc),
        Directive("connect-src", ["'self'", "https:", "wss:"], extra.ConnectSrc),
        Directive("frame-src", ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"], extra.FrameSrc),
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    private static string Directive(string name, IEnumerable<string> sources, IEnumerable<string> extra) =>
        name + " " + string.Join(' ', sources.Concat(extra.Select(s => s.Trim())).Distinct(StringComparer.Ordinal));
}
