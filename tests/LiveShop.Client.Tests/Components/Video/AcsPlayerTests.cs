using System.Net;
using System.Text.Json;
using LiveShop.Client.Components.Video;
using LiveShop.Shared;
using LiveShop.Shared.Video;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Components.Video;

/// <summary>
/// The viewer's ACS player: the session the server hands out reaches the bundled script (Scripts/acs.js,
/// faked here), its user id and expiry are on the element, the token itself is never in the page,
/// and every state the script reports reads as a sentence.
/// </summary>
public sealed class AcsPlayerTests : BunitTestBase
{
    private const string Script = "./js/bundles/acs.js";
    private static readonly Guid ShowId = Guid.Parse("0d5c0000-0000-4000-8000-0000000000a1");
    private static readonly AcsSessionDto Session = new("99117812428622881", "8:acs:6d3f2c1a_00000002", "eyJ-fake-viewer-token", new DateTimeOffset(2025, 3, 14, 12, 30, 0, TimeSpan.Zero), "Consumer");

    private readonly FakeApi _api;

    public AcsPlayerTests()
        : this(new FakeApi())
    {
    }

    private AcsPlayerTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client())) => _api = api;

    [Fact]
    public void Start_TheServersSession_ReachesTheScript_AndItsIdsAreOnThePlayer()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.ShowAcsSession(ShowId), FakeApi.Json(HttpStatusCode.OK, Session));
        var module = Ctx.JSInterop.SetupModule(Script);

        var player = Ctx.Render<AcsPlayer>(p => p.Add(x => x.ShowId, ShowId).Add(x => x.Title, "Spring haul"));

        player.WaitForAssertion(() => module.VerifyInvoke("joinAsViewer"));
        var join = module.VerifyInvoke("joinAsViewer");
        var passed = JsonSerializer.SerializeToElement(join.Arguments[1]);
        Assert.Equal("eyJ-fake-viewer-token", passed.GetProperty("token").GetString());
        Assert.Equal("99117812428622881", passed.GetProperty("roomId").GetString());
        var element = player.Find("[data-testid=acs-player]");
        Assert.Equal("8:acs:6d3f2c1a_00000002", element.GetAttribute("data-acs-user-id"));
        Assert.Equal("Consumer", element.GetAttribute("data-acs-role"));
        Assert.Equal(Session.ExpiresOn.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), element.GetAttribute("data-acs-token-expires"));
        Assert.DoesNotContain("eyJ-fake-viewer-token", player.Markup, StringComparison.Ordinal);
        Assert.Contains("Connecting to the live video", player.Find("[data-testid=acs-player-message]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptReports_WaitingThenLive_ThePlayerSaysSo_AndOffersUnmute()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.ShowAcsSession(ShowId), FakeApi.Json(HttpStatusCode.OK, Session));
        var module = Ctx.JSInterop.SetupModule(Script);
        var player = Ctx.Render<AcsPlayer>(p => p.Add(x => x.ShowId, ShowId).Add(x => x.Title, "Spring haul"));
        player.WaitForAssertion(() => module.VerifyInvoke("joinAsViewer"));

        await player.InvokeAsync(() => player.Instance.OnAcsState("waiting", null));

        Assert.Contains("Waiting for the host's camera", player.Find("[data-testid=acs-player-message]").TextContent, StringComparison.Ordinal);

        await player.InvokeAsync(() => player.Instance.OnAcsState("live", null));

        Assert.Empty(player.FindAll("[data-testid=acs-player-message]"));
        Assert.Contains("Tap to unmute", player.Find("[data-testid=unmute-button]").TextContent, StringComparison.Ordinal);
        Assert.Equal("live", player.Find("[data-testid=acs-player]").GetAttribute("data-acs-state"));
    }

    [Fact]
    public void Start_ServerRefuses_ShowsTheReason_AndTheScriptIsNeverCalled()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.ShowAcsSession(ShowId),
            FakeApi.Problem(HttpStatusCode.BadGateway, ProblemCodes.AcsUnavailable, "The video service (Azure Communication Services) did not answer as expected."));
        var module = Ctx.JSInterop.SetupModule(Script);

        var player = Ctx.Render<AcsPlayer>(p => p.Add(x => x.ShowId, ShowId).Add(x => x.Title, "Spring haul"));

        player.WaitForAssertion(() => Assert.Contains("The video could not start: The video service (Azure Communication Services) did not answer as expected.",
            player.Find("[data-testid=acs-player-message]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(player.Find("[data-testid=acs-retry-button]"));
        Assert.Empty(module.Invocations["joinAsViewer"]);
    }

    [Fact]
    public void VideoPlayer_LiveAcsShow_PlaysThroughAcsPlayer_ButNotInTheHostsConsolePreview()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.ShowAcsSession(ShowId), FakeApi.Json(HttpStatusCode.OK, Session));
        var module = Ctx.JSInterop.SetupModule(Script);
        var source = new LiveShop.Shared.Shows.VideoSourceDto(LiveShop.Shared.Shows.VideoSourceKind.Acs, null, null);

        var viewerPage = Ctx.Render<LiveShop.Client.Components.VideoPlayer>(p => p
            .Add(v => v.Source, source).Add(v => v.ShowId, ShowId).Add(v => v.Status, LiveShop.Shared.Shows.ShowStatus.Live).Add(v => v.Title, "Spring haul"));
        var console = Ctx.Render<LiveShop.Client.Components.VideoPlayer>(p => p
            .Add(v => v.Source, source).Add(v => v.Status, LiveShop.Shared.Shows.ShowStatus.Live).Add(v => v.Title, "Spring haul"));

        viewerPage.WaitForAssertion(() => Assert.Equal("8:acs:6d3f2c1a_00000002", viewerPage.Find("[data-testid=acs-player]").GetAttribute("data-acs-user-id")));
        Assert.Empty(viewerPage.FindAll("[data-testid=player-unsupported]"));
        Assert.Empty(console.FindAll("[data-testid=acs-player]"));
        Assert.Contains("present from the studio", console.Markup, StringComparison.Ordinal);
        Assert.Single(module.Invocations["joinAsViewer"]);
    }

    [Fact]
    public async Task RefreshToken_AsksTheServerAgain_AndHandsTheScriptTheNewToken()
    {
        var renewed = Session with { Token = "eyJ-renewed", ExpiresOn = Session.ExpiresOn.AddHours(1) };
        _api.Answer(HttpMethod.Post, ApiRoutes.ShowAcsSession(ShowId), FakeApi.Json(HttpStatusCode.OK, Session), FakeApi.Json(HttpStatusCode.OK, renewed));
        var module = Ctx.JSInterop.SetupModule(Script);
        var player = Ctx.Render<AcsPlayer>(p => p.Add(x => x.ShowId, ShowId).Add(x => x.Title, "Spring haul"));
        player.WaitForAssertion(() => module.VerifyInvoke("joinAsViewer"));

        var token = await player.InvokeAsync(() => player.Instance.RefreshAcsToken());

        Assert.Equal("eyJ-renewed", token);
        Assert.Equal(renewed.ExpiresOn.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            player.Find("[data-testid=acs-player]").GetAttribute("data-acs-token-expires"));
    }
}
