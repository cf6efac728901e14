using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;

namespace LiveShop.Server.Tests.Features.Video;

/// <summary>
/// Azure Communication Services end to end against <see cref="FakeAcs"/>, a local listener that
/// verifies every signed header and the body hash of each call as ACS would: the host gets a Room
/// and a Presenter token, viewers get Consumer tokens once the show is live, refusals call nothing.
/// </summary>
public class AcsTests(AcsLiveShopFactory factory) : IClassFixture<AcsLiveShopFactory>
{
    private FakeAcs Acs => factory.Acs;

    [Fact]
    public async Task Options_WithAcsConfigured_OfferAcs()
    {
        var options = await factory.NewBrowser().GetFromJsonAsync<VideoOptionsDto>(ApiRoutes.VideoOptions);

        Assert.True(options!.AcsAvailable);
        Assert.Null(options.AcsUnavailableReason);
    }

    [Fact]
    public async Task Session_Host_BeforeLive_GetsRoomAsPresenter_WithAVoipTokenFromSignedCalls()
    {
        var (host, show) = await AcsShowAsync();
        var before = Acs.Calls.Count;

        var session = await SessionAsync(host.Http, show.Id);

        Assert.Equal("Presenter", session.Role);
        Assert.Equal(Acs.Tokens[session.UserId].Last().Token, session.Token);
        Assert.Equal(["voip"], Acs.Tokens[session.UserId].Last().Scopes);
        Assert.Equal(60, Acs.Tokens[session.UserId].Last().Minutes);
        Assert.InRange(session.ExpiresOn, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal("Presenter", Acs.Rooms[session.RoomId][session.UserId]);
        var calls = Acs.CallsSince(before);
        Assert.All(calls, c => Assert.Null(c.Failure));
        Assert.Equal(["POST /identities?api-version=2023-10-01", "POST /rooms?api-version=2024-04-15"], calls.Select(c => $"{c.Method} {c.PathAndQuery}"));
        Assert.Contains("\"createTokenWithScopes\":[\"voip\"]", calls[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"expiresInMinutes\":60", calls[0].Body, StringComparison.Ordinal);

        // Coming back (a reload): same Room, same ACS user, a fresh token through :issueAccessToken.
        var again = await SessionAsync(host.Http, show.Id);

        Assert.Equal((session.RoomId, session.UserId), (again.RoomId, again.UserId));
        Assert.NotEqual(session.Token, again.Token);
        var reissued = Assert.Single(Acs.CallsSince(before + calls.Count));
        Assert.Null(reissued.Failure);
        Assert.Equal($"POST /identities/{Uri.EscapeDataString(session.UserId)}/:issueAccessToken?api-version=2023-10-01", $"{reissued.Method} {reissued.PathAndQuery}");
    }

    [Fact]
    public async Task Session_Viewers_SignedInGuestAndAnonymous_JoinAsConsumers_OnceLive()
    {
        var (host, show) = await AcsShowAsync();
        var viewer = await factory.RegisterAsync(asHost: false);
        var before = Acs.Calls.Count;

        var early = await viewer.Http.PostAsync(ApiRoutes.ShowAcsSession(show.Id), null);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(ProblemCodes.ShowNotLive, (await Problem.ReadAsync(early)).Code);
        Assert.Equal(before, Acs.Calls.Count);

        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();
        var guest = await factory.GuestAsync("Drop-in");
        var anonymous = factory.NewBrowser();
        var sessions = new[]
        {
            await SessionAsync(viewer.Http, show.Id),
            await SessionAsync(guest.Http, show.Id),
            await SessionAsync(anonymous, show.Id),
        };

        Assert.All(sessions, s => Assert.Equal("Consumer", s.Role));
        Assert.Single(sessions.Select(s => s.RoomId).Distinct());
        Assert.Equal(3, sessions.Select(s => s.UserId).Distinct().Count());
        var room = Acs.Rooms[sessions[0].RoomId];
        Assert.All(sessions, s => Assert.Equal("Consumer", room[s.UserId]));
        Assert.Single(room, p => p.Value == "Presenter");
        var calls = Acs.CallsSince(before);
        Assert.All(calls, c => Assert.Null(c.Failure));
        Assert.All(calls.Where(c => c.Method == "PATCH"), c => Assert.Equal("application/merge-patch+json", c.ContentType));
        Assert.Equal(3, calls.Count(c => c.Method == "PATCH"));

        // The same anonymous browser (its visitor cookie) is the same ACS user next time.
        Assert.Equal(sessions[2].UserId, (await SessionAsync(anonymous, show.Id)).UserId);
    }

    [Fact]
    public async Task Session_ShowNotOnAcs_Refused_WithoutCallingAcs()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Stream URL show");
        var before = Acs.Calls.Count;

        var response = await host.Http.PostAsync(ApiRoutes.ShowAcsSession(show.Id), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ProblemCodes.VideoNotAcs, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(before, Acs.Calls.Count);
    }

    [Fact]
    public async Task Session_AcsKeepsFailing_RetriedThen502_NoRoomKept_NextRequestWorks()
    {
        var (host, show) = await AcsShowAsync();
        var before = Acs.Calls.Count;
        Acs.FailPathPrefix = "/rooms";
        HttpResponseMessage response;
        try
        {
            response = await host.Http.PostAsync(ApiRoutes.ShowAcsSession(show.Id), null);
        }
        finally
        {
            Acs.FailPathPrefix = null;
        }

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(ProblemCodes.AcsUnavailable, (await Problem.ReadAsync(response)).Code);
        var attempts = Acs.CallsSince(before).Where(c => c.PathAndQuery.StartsWith("/rooms", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Null(a.Failure));

        var session = await SessionAsync(host.Http, show.Id);

        Assert.Equal("Presenter", Acs.Rooms[session.RoomId][session.UserId]);
    }

    [Fact]
    public async Task Session_SignedWithAnotherKey_TheListenerRefuses_AndTheCallerGets502()
    {
        var (host, show) = await AcsShowAsync();
        var before = Acs.Calls.Count;
        var key = Acs.AccessKey;
        Acs.AccessKey = "a key the app does not have"u8.ToArray();
        HttpResponseMessage response;
        try
        {
            response = await host.Http.PostAsync(ApiRoutes.ShowAcsSession(show.Id), null);
        }
        finally
        {
            Acs.AccessKey = key;
        }

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(ProblemCodes.AcsUnavailable, (await Problem.ReadAsync(response)).Code);
        var refused = Assert.Single(Acs.CallsSince(before));
        Assert.Equal("The signature does not match.", refused.Failure);
    }

    [Fact]
    public async Task Start_MalformedConnectionString_TheServerRefusesToStart_NamingTheSetting()
    {
        await using var malformed = new MalformedAcsFactory();

        var error = Assert.ThrowsAny<Exception>(() => malformed.BaseAddress);

        Assert.Contains("Acs:ConnectionString", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class MalformedAcsFactory : LiveShopFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Acs:ConnectionString", "endpoint=https://contoso.communication.azure.com/");
        }
    }

    private async Task<(SignedIn Host, ShowDetailDto Show)> AcsShowAsync()
    {
        var host = await factory.RegisterAsync(asHost: true, "ACS Host");
        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("ACS show") with { VideoUrl = null, VideoKind = VideoSourceKind.Acs });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (host, (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!);
    }

    private static async Task<AcsSessionDto> SessionAsync(HttpClient http, Guid showId)
    {
        var response = await http.PostAsync(ApiRoutes.ShowAcsSession(showId), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AcsSessionDto>())!;
    }
}

/// <summary>ACS switched off (no <c>Acs:ConnectionString</c>): a session is refused with the reason, not a server error.</summary>
public class AcsNotConfiguredTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task Session_AcsNotConfigured_RefusedWithTheReason()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("No ACS here");

        var response = await host.Http.PostAsync(ApiRoutes.ShowAcsSession(show.Id), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.VideoSourceUnavailable, problem.Code);
        Assert.Contains("Acs:ConnectionString", problem.Detail, StringComparison.Ordinal);
    }
}
