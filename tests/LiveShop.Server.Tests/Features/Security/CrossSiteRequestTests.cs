using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Security;

/// <summary>
/// Another site cannot make a signed-in browser change anything: a foreign Origin is refused on unsafe API calls and
/// on the hub, and a cookie-carrying call that is not JSON needs the antiforgery token (issue 13, "Cross-site requests").
/// </summary>
public sealed class CrossSiteRequestTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private const string Foreign = "https://evil.example";

    [Fact]
    public async Task GoLive_FormPostFromForeignOrigin_403AndShowStillScheduled()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Forged go-live");

        var response = await host.Http.SendAsync(FormPost(ApiRoutes.GoLive(show.Id), Foreign));

        await AssertRefusedAsync(response);
        Assert.Equal(ShowStatus.Scheduled, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task EndShow_FormPostFromForeignOrigin_403AndShowStillLive()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Forged end");
        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();

        var response = await host.Http.SendAsync(FormPost(ApiRoutes.Show(show.Id) + "/end", Foreign));

        await AssertRefusedAsync(response);
        Assert.Equal(ShowStatus.Live, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task SignOut_FormPostFromForeignOrigin_403AndStillSignedIn()
    {
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);

        var response = await viewer.Http.SendAsync(FormPost(ApiRoutes.SignOut, Foreign));

        await AssertRefusedAsync(response);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Http.GetAsync(ApiRoutes.Orders)).StatusCode);
    }

    [Fact]
    public async Task GoLive_CrossSiteFetchWithoutOrigin_403()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Forged without origin");
        var request = FormPost(ApiRoutes.GoLive(show.Id), origin: null);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        await AssertRefusedAsync(await host.Http.SendAsync(request));
        Assert.Equal(ShowStatus.Scheduled, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task GoLive_CookieFormPostWithoutToken_403AndShowStillScheduled()
    {
        // Same site (no Origin at all), but no antiforgery token: the cookie alone is not enough.
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("No token");
        using var bare = new HttpClient(new HttpClientHandler { CookieContainer = host.Cookies }) { BaseAddress = factory.BaseAddress };

        var form = await bare.SendAsync(FormPost(ApiRoutes.GoLive(show.Id), origin: null));
        var bodiless = await bare.PostAsync(ApiRoutes.GoLive(show.Id), null);

        await AssertRefusedAsync(form);
        await AssertRefusedAsync(bodiless);
        Assert.Equal(ShowStatus.Scheduled, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task GoLive_SameOriginWithToken_Live()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Own page");
        var token = (await host.Http.GetFromJsonAsync<AntiforgeryTokenDto>(ApiRoutes.Antiforgery))!;
        using var bare = new HttpClient(new HttpClientHandler { CookieContainer = host.Cookies }) { BaseAddress = factory.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.GoLive(show.Id));
        request.Headers.Add("Origin", factory.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.Add(token.HeaderName, token.Token);

        var response = await bare.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ShowStatus.Live, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task CreateShow_SameOriginJson_Created()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Shows) { Content = JsonContent.Create(ShowBuilder.Request("Same-origin JSON")) };
        request.Headers.Add("Origin", factory.BaseAddress.GetLeftPart(UriPartial.Authority));

        var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CreateShow_JsonFromForeignOrigin_403AndNoShow()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var title = "Foreign JSON " + Guid.NewGuid().ToString("N")[..8];
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Shows) { Content = JsonContent.Create(ShowBuilder.Request(title)) };
        request.Headers.Add("Origin", Foreign);

        await AssertRefusedAsync(await host.Http.SendAsync(request));
        var mine = (await host.Http.GetFromJsonAsync<IReadOnlyList<ShowSummaryDto>>(ApiRoutes.MyShows))!;
        Assert.DoesNotContain(mine, s => s.Title == title);
    }

    [Fact]
    public async Task HubNegotiate_FromForeignOrigin_Refused()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        await using var connection = Hub(host, Foreign, webSocketOnly: false);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task HubWebSocket_FromForeignOrigin_RefusedButSameOriginReadsModeration()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Hub origin");
        await using var foreign = Hub(host, Foreign, webSocketOnly: true);
        await using var own = Hub(host, factory.BaseAddress.GetLeftPart(UriPartial.Authority), webSocketOnly: true);

        await Assert.ThrowsAnyAsync<Exception>(() => foreign.StartAsync());
        await own.StartAsync();
        var moderation = await own.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), show.Id);

        Assert.Equal(HubConnectionState.Disconnected, foreign.State);
        Assert.NotNull(moderation);
    }

    private HubConnection Hub(SignedIn user, string origin, bool webSocketOnly) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.BaseAddress, HubRoutes.Live), options =>
        {
            options.Cookies = user.Cookies;
            options.Headers["Origin"] = origin;
            if (webSocketOnly)
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
            }
        })
        .Build();

    /// <summary>What a hidden form on another site submits: form-encoded, the browser adding the cookie and its Origin.</summary>
    private static HttpRequestMessage FormPost(string path, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("confirm", "yes")]) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ProblemCodes.CrossSiteRefused, (await Problem.ReadAsync(response)).Code);
    }
}
