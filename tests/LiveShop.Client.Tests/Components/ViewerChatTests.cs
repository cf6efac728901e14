using System.Net;
using LiveShop.Client.Components;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Components;

/// <summary>The viewer's chat: scroll-back through the stored chat, and the big room's note.</summary>
public sealed class ViewerChatTests : BunitTestBase
{
    private static readonly Guid ShowId = Guid.Parse("6f0b3c2a-91d4-4e7b-a1c5-2b8d9e0f1a2b");
    private static readonly Guid Bo = Guid.Parse("99999999-8888-4777-8666-555555555555");
    private static readonly string Route = ApiRoutes.ShowChat(ShowId);

    private readonly FakeApi _api;

    public ViewerChatTests()
        : this(new FakeApi())
    {
    }

    private ViewerChatTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
    }

    /// <summary>A line sent <paramref name="n"/> minutes into the show; stored with sequence 10 × n.</summary>
    private static ChatMessageDto Line(int n) =>
        new(Guid.Parse($"00000000-0000-4000-8000-{n:D12}"), Bo, "Bo", ChatAuthorRole.Viewer, $"line {n}", DeviceNow.AddMinutes(-100 + n), null);

    private static ChatPostedEvent Stored(int n) => new(10L * n, Line(n).SentAt, Line(n));

    private static Func<HttpResponseMessage> Page(long? before, params int[] lines) =>
        FakeApi.Json(HttpStatusCode.OK, new ChatHistoryPage(ShowId, [.. lines.Select(Stored)], before));

    private IRenderedComponent<ViewerChat> Render(IReadOnlyList<ChatMessageDto> live, Func<Guid, long?> sequenceOf, bool sampled = false) =>
        Ctx.Render<ViewerChat>(p => p
            .Add(c => c.ShowId, ShowId)
            .Add(c => c.Messages, live)
            .Add(c => c.SequenceOf, sequenceOf)
            .Add(c => c.Sampled, sampled));

    private static IReadOnlyList<string> Texts(IRenderedComponent<ViewerChat> chat) =>
        [.. chat.FindAll("[data-testid=chat-line] [data-testid=chat-text]").Select(e => e.TextContent)];

    /// <summary>Live lines that came as events: their sequences are known.</summary>
    private static Func<Guid, long?> Sequenced(params int[] lines) =>
        id => lines.Where(n => Line(n).Id == id).Select(n => (long?)(10L * n)).FirstOrDefault();

    [Fact]
    public void ShowEarlier_TwoPages_PrependsOlderLinesInOrderThenHidesAtTheStart()
    {
        _api.Answer(HttpMethod.Get, Route, Page(30, 3, 4, 5), Page(null, 1, 2));
        var chat = Render([Line(6), Line(7)], Sequenced(6, 7));

        chat.Find("[data-testid=chat-earlier]").Click();
        chat.WaitForAssertion(() => Assert.Equal(["line 3", "line 4", "line 5", "line 6", "line 7"], Texts(chat)));
        Assert.Equal("?before=60&take=50", _api.Sent[^1].Query);
        Assert.Equal("3 earlier messages loaded.", chat.Find("[data-testid=chat-earlier-status]").TextContent);

        chat.Find("[data-testid=chat-earlier]").Click();
        chat.WaitForAssertion(() => Assert.Equal(["line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7"], Texts(chat)));
        Assert.Equal("?before=30&take=50", _api.Sent[^1].Query);
        Assert.Empty(chat.FindAll("[data-testid=chat-earlier]"));

        // Focus was on the button that went away: it goes to the chat, not back to the top of the page.
        chat.WaitForAssertion(() => Ctx.JSInterop.VerifyFocusAsyncInvoke());
    }

    [Fact]
    public void ShowEarlier_LinesFromTheJoinSnapshot_ShowsEachLineOnceAndNothingNewerAboveThem()
    {
        // The join's snapshot gave lines 4 and 5 (no sequence known), then line 6 arrived as an event: the page asked
        // for ends at line 6, so it holds the snapshot's lines again; only what is older than line 4 goes above.
        _api.Answer(HttpMethod.Get, Route, Page(20, 2, 3, 4, 5));
        var chat = Render([Line(4), Line(5), Line(6)], Sequenced(6));

        chat.Find("[data-testid=chat-earlier]").Click();

        chat.WaitForAssertion(() => Assert.Equal(["line 2", "line 3", "line 4", "line 5", "line 6"], Texts(chat)));
        Assert.Equal("?before=60&take=50", _api.Sent[^1].Query);
        Assert.Single(chat.FindAll("[data-testid=chat-earlier]"));
    }

    [Fact]
    public void ShowEarlier_NoSequenceKnown_AsksForTheNewestAndSkipsWhatIsShown()
    {
        _api.Answer(HttpMethod.Get, Route, Page(null, 1, 2, 3));
        var chat = Render([Line(2), Line(3)], _ => null);

        chat.Find("[data-testid=chat-earlier]").Click();

        chat.WaitForAssertion(() => Assert.Equal(["line 1", "line 2", "line 3"], Texts(chat)));
        Assert.Equal("?take=50", _api.Sent[^1].Query);
        Assert.Empty(chat.FindAll("[data-testid=chat-earlier]"));
    }

    [Fact]
    public void ShowEarlier_ServerUnreachable_SaysSoAndKeepsTheButton()
    {
        _api.Answer(HttpMethod.Get, Route, FakeApi.NetworkDown());
        var chat = Render([Line(6)], Sequenced(6));

        chat.Find("[data-testid=chat-earlier]").Click();

        chat.WaitForAssertion(() => Assert.Single(chat.FindAll("[data-testid=chat-earlier-failed]")));
        Assert.Equal(["line 6"], Texts(chat));
        Assert.False(chat.Find("[data-testid=chat-earlier]").HasAttribute("disabled"));
    }

    [Fact]
    public void NewLiveLines_AfterScrollingBack_KeepTheEarlierLinesAboveAndAreNotAnnouncedAsEarlier()
    {
        _api.Answer(HttpMethod.Get, Route, Page(null, 1, 2));
        var chat = Render([Line(3), Line(4)], Sequenced(3, 4, 5));
        chat.Find("[data-testid=chat-earlier]").Click();
        chat.WaitForAssertion(() => Assert.Equal(["line 1", "line 2", "line 3", "line 4"], Texts(chat)));

        // Line 5 arrives and the page's short list lets line 3 go: it stays shown, in its place.
        chat.Render(p => p.Add(c => c.Messages, [Line(4), Line(5)]));

        Assert.Equal(["line 1", "line 2", "line 3", "line 4", "line 5"], Texts(chat));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Note_ShownOnlyWhenTheChatIsSampled(bool sampled)
    {
        var chat = Render([Line(1)], _ => null, sampled);

        var notes = chat.FindAll("[data-testid=chat-sampled-note]");
        Assert.Equal(sampled ? 1 : 0, notes.Count);
        if (sampled)
        {
            Assert.Equal("Busy chat: you're seeing some of the messages. Your own messages, and the host's, always show.", notes[0].TextContent);
            Assert.Null(notes[0].GetAttribute("aria-live"));
            Assert.Null(notes[0].GetAttribute("role"));
        }
    }

    [Fact]
    public void ShowEarlier_IsARealButton()
    {
        var chat = Render([Line(1)], _ => null);

        var button = chat.Find("[data-testid=chat-earlier]");
        Assert.Equal("BUTTON", button.TagName);
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("Show earlier messages", button.TextContent.Trim());
    }

    [Fact]
    public void ShowEarlier_EmptyChat_IsNotOffered()
    {
        var chat = Render([], _ => null);

        Assert.Empty(chat.FindAll("[data-testid=chat-earlier]"));
        Assert.Single(chat.FindAll("[data-testid=chat-empty]"));
    }
}
