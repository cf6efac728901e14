using System.Net;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Security;
using LiveShop.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Attribution;

/// <summary>A page load gives the browser a visitor cookie the server signed, and replaces one it did not sign.</summary>
public class VisitorCookieTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private IdentityKeys Keys => factory.Services.GetRequiredService<IdentityKeys>();

    [Fact]
    public async Task PageLoad_WithoutACookie_SetsASignedOne()
    {
        var browser = factory.NewBrowser(out var cookies);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        Assert.NotNull(Keys.VerifyVisitor(VisitorValue(cookies)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PageLoad_WithAnUnsignedOrForgedCookie_ReplacesIt(bool withWrongTag)
    {
        var chosen = Guid.NewGuid();
        var forged = withWrongTag ? chosen.ToString("N") + Keys.SignVisitor(Guid.NewGuid())[32..] : chosen.ToString("N");
        var browser = factory.NewBrowser(out var cookies);
        cookies.Add(factory.BaseAddress, new Cookie(VisitorCookie.Name, forged));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        var issued = Keys.VerifyVisitor(VisitorValue(cookies));
        Assert.NotNull(issued);
        Assert.NotEqual(chosen, issued);
    }

    [Fact]
    public async Task PageLoad_WithASignedCookie_KeepsIt()
    {
        var id = Guid.NewGuid();
        var browser = factory.NewBrowser(out var cookies);
        cookies.Add(factory.BaseAddress, new Cookie(VisitorCookie.Name, factory.VisitorCookieValue(id)));

        var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith(VisitorCookie.Name + "=", StringComparison.Ordinal)));
        Assert.Equal(id, Keys.VerifyVisitor(VisitorValue(cookies)));
    }

    private string VisitorValue(CookieContainer cookies) =>
        Assert.Single(cookies.GetCookies(factory.BaseAddress), c => c.Name == VisitorCookie.Name).Value;
}
