using System.Net;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Hubs;
using LiveShop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Hubs;

/// <summary>
/// A bot that makes up a fresh visitor id for every connection has not loaded a page: its connections
/// count against the anonymous-connection limit like cookieless ones (four a window here).
/// </summary>
public sealed class ForgedVisitorConnectionTests(HubConnectionLimitsFactory factory) : IClassFixture<HubConnectionLimitsFactory>
{
    [Fact]
    public async Task AnonymousConnections_WithForgedVisitorCookies_RefusedPastTheLimit_ASignedOneConnects()
    {
        // Four connections, each with a visitor id the client chose: bare (as the cookie used to be), or with another id's tag.
        for (var i = 0; i < 4; i++)
        {
            // Each closed before the next opens (its transport ends a moment later), so three per address is never in the way.
            var connection = await factory.ConnectAsync(Forged(withTag: i % 2 == 1));
            await connection.DisposeAsync();
            await WaitUntilNoneOpenAsync();
        }

        var forged = await Assert.ThrowsAsync<HttpRequestException>(() => factory.ConnectAsync(Forged(withTag: false)));
        Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
        var tagged = await Assert.ThrowsAsync<HttpRequestException>(() => factory.ConnectAsync(Forged(withTag: true)));
        Assert.Equal(HttpStatusCode.TooManyRequests, tagged.StatusCode);
        var cookieless = await Assert.ThrowsAsync<HttpRequestException>(() => factory.ConnectAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, cookieless.StatusCode);

        // A browser with the cookie a page load gives still connects.
        await using var visitor = await factory.ConnectAsync(Visitors.NewCookies(factory));
        Assert.Equal(HubConnectionState.Connected, visitor.State);
    }

    /// <summary>A cookie jar with a visitor id of the client's own choosing.</summary>
    private CookieContainer Forged(bool withTag)
    {
        var chosen = Guid.NewGuid().ToString("N");
        var cookies = new CookieContainer();
        cookies.Add(factory.BaseAddress, new Cookie(VisitorCookie.Name, withTag ? chosen + factory.VisitorCookieValue(Guid.NewGuid())[32..] : chosen));
        return cookies;
    }

    private async Task WaitUntilNoneOpenAsync()
    {
        var limits = factory.Services.GetRequiredService<HubConnectionLimits>();
        for (var i = 0; i < 100 && limits.OpenFrom("127.0.0.1") != 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, limits.OpenFrom("127.0.0.1"));
    }
}
