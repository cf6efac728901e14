using System.Net;
using System.Text.RegularExpressions;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;

namespace LiveShop.Server.Tests.Features.Security;

/// <summary>Every answer (a page, the API, a static file, an error) carries the browser protections (issue 13, "Production posture").</summary>
public sealed partial class SecurityHeadersTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData(ApiRoutes.Shows)]
    [InlineData("/app.css")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/no-such-page")]
    public async Task Get_AnyAnswer_CarriesSecurityHeaders(string path)
    {
        var response = await factory.NewBrowser().GetAsync(path);

        var csp = Single(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("'wasm-unsafe-eval'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Page_ImportMap_CarriesTheNonceThePolicyNames()
    {
        // Without it the browser refuses the import map and the WebAssembly app never starts.
        var response = await factory.NewBrowser().GetAsync("/");
        var nonce = Nonce().Match(Single(response, "Content-Security-Policy")).Groups["nonce"].Value;
        var html = await response.Content.ReadAsStringAsync();

        Assert.NotEmpty(nonce);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.NotEqual(nonce, Nonce().Match(Single(await factory.NewBrowser().GetAsync("/"), "Content-Security-Policy")).Groups["nonce"].Value);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values
            : response.Content.Headers.TryGetValues(header, out var contentValues) ? contentValues : []);

    [GeneratedRegex("'nonce-(?<nonce>[A-Za-z0-9+/=]+)'")]
    private static partial Regex Nonce();
}
