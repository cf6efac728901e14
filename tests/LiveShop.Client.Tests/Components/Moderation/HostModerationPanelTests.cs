using System.Net;
using LiveShop.Client.Components.Moderation;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Components.Moderation;

/// <summary>The host's moderator list: names, no addresses the host never typed; adds by e-mail or by name and shows who moderates now.</summary>
public sealed class HostModerationPanelTests : BunitTestBase
{
    private static readonly Guid ShowId = Guid.Parse("11111111-2222-4333-8444-555555555555");
    private static readonly Guid Nikos = Guid.Parse("5e1f0000-0000-4000-8000-0000000000a2");
    private static readonly Guid Eleni = Guid.Parse("5e1f0000-0000-4000-8000-0000000000a4");
    private static readonly DateTimeOffset At = new(2025, 3, 14, 11, 0, 0, TimeSpan.Zero);

    private readonly FakeApi _api;

    public HostModerationPanelTests()
        : this(new FakeApi())
    {
    }

    private HostModerationPanelTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
    }

    private IRenderedComponent<HostModerationPanel> Render() =>
        Ctx.Render<HostModerationPanel>(p => p
            .Add(c => c.ShowId, ShowId)
            .Add(c => c.QuestionsNeedApproval, false)
            .Add(c => c.AllowGlobalModerators, true)
            .Add(c => c.SettingsChanged, (ModerationSettingsDto _) => { }));

    private static string Text(AngleSharp.Dom.IElement e) => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Candidate_ListedByNameAndAddedById_ThenShownAsModerator()
    {
        var before = new ModeratorsDto([], [new ShowModeratorDto(Nikos, "Nikos Papadakis", null, true, At)]);
        var after = new ModeratorsDto([new ShowModeratorDto(Nikos, "Nikos Papadakis", null, true, At)], []);
        _api.Answer(HttpMethod.Get, ApiRoutes.Moderators(ShowId), FakeApi.Json(HttpStatusCode.OK, before), FakeApi.Json(HttpStatusCode.OK, after))
            .Answer(HttpMethod.Post, ApiRoutes.Moderators(ShowId), FakeApi.Json(HttpStatusCode.Accepted, new AddModeratorAnswerDto("Nikos Papadakis can moderate this show.")));
        var cut = Render();

        var candidate = cut.WaitForElement("[data-testid=moderator-candidate]");
        Assert.Equal("Nikos Papadakis Add", Text(candidate));
        cut.Find("[data-testid=candidate-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Nikos Papadakis Remove", Text(cut.Find("[data-testid=show-moderator]"))));
        var post = Assert.Single(_api.Sent, s => s.Method == HttpMethod.Post);
        Assert.Contains(Nikos.ToString(), post.Body);
        Assert.DoesNotContain("@", post.Body);
    }

    [Fact]
    public void AddByEmail_ServerAnswersNeutrally_ListReloadedFromServer()
    {
        var after = new ModeratorsDto([new ShowModeratorDto(Eleni, "Eleni Georgiou", "viewer2@liveshop.test", false, At)], []);
        _api.Answer(HttpMethod.Get, ApiRoutes.Moderators(ShowId), FakeApi.Json(HttpStatusCode.OK, new ModeratorsDto([], [])), FakeApi.Json(HttpStatusCode.OK, after))
            .Answer(HttpMethod.Post, ApiRoutes.Moderators(ShowId), FakeApi.Json(HttpStatusCode.Accepted, new AddModeratorAnswerDto("If viewer2@liveshop.test is the e-mail of a LiveShop account, that person can moderate this show now.")));
        var cut = Render();
        cut.WaitForElement("[data-testid=moderators-empty]");

        cut.Find("[data-testid=moderator-email]").Input("viewer2@liveshop.test");
        cut.Find("[data-testid=moderator-form]").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Eleni Georgiou viewer2@liveshop.test Remove", Text(cut.Find("[data-testid=show-moderator]"))));
        Assert.Equal("", cut.Find("[data-testid=moderator-email]").GetAttribute("value") ?? "");
    }
}
