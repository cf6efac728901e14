using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Server.Hubs;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Hubs;

/// <summary>One address cannot hold the hub open without end, nor open connections without ever loading a page.</summary>
public sealed class HubConnectionLimitTests(HubConnectionLimitsFactory factory) : IClassFixture<HubConnectionLimitsFactory>
{
    private HubConnectionLimits Limits => factory.Services.GetRequiredService<HubConnectionLimits>();

    [Fact]
    public async Task Connections_PastThePerAddressCap_Refused429UntilOneCloses()
    {
        await WaitUntilNoneOpenAsync();
        var open = new List<HubConnection>();
        for (var i = 0; i < 3; i++)
        {
            open.Add(await factory.ConnectAsync(Visitors.NewCookies(factory)));
        }

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => factory.ConnectAsync(Visitors.NewCookies(factory)));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var negotiate = await NegotiateAsync(Visitors.NewCookies(factory));
        Assert.Equal(HttpStatusCode.TooManyRequests, negotiate.StatusCode);
        Assert.True(negotiate.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(ProblemCodes.RateLimited, (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        await open[0].DisposeAsync();
        await WaitUntilOpenAsync(2);
        await using var again = await factory.ConnectAsync(Visitors.NewCookies(factory));
        Assert.Equal(HubConnectionState.Connected, again.State);

        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnonymousConnections_PastTheLimit_Refused429ButAVisitorStillConnects()
    {
        await WaitUntilNoneOpenAsync();
        for (var i = 0; i < 4; i++)
        {
            // Each closed before the next opens, so only the anonymous limit is in the way (not three per address).
            var connection = await factory.ConnectAsync();
            await connection.DisposeAsync();
            await WaitUntilNoneOpenAsync();
        }

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => factory.ConnectAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        await using var visitor = await factory.ConnectAsync(Visitors.NewCookies(factory));
        Assert.Equal(HubConnectionState.Connected, visitor.State);
    }

    private async Task<HttpResponseMessage> NegotiateAsync(CookieContainer cookies)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = factory.BaseAddress };
        return await http.PostAsync(HubRoutes.Live + "/negotiate?negotiateVersion=1", null);
    }

    private async Task WaitUntilOpenAsync(int count)
    {
        for (var i = 0; i < 100 && Limits.OpenFrom("127.0.0.1") != count; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(count, Limits.OpenFrom("127.0.0.1"));
    }

    private Task WaitUntilNoneOpenAsync() => WaitUntilOpenAsync(0);
}
