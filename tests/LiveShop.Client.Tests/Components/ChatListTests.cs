using LiveShop.Client.Components;
using LiveShop.Client.State;
using LiveShop.Shared.Realtime;

namespace LiveShop.Client.Tests.Components;

public sealed class ChatListTests : BunitTestBase
{
    private static readonly Guid Me = Guid.Parse("11111111-2222-4333-8444-555555555555");
    private static readonly Guid Someone = Guid.Parse("99999999-8888-4777-8666-555555555555");

    private static ChatMessageDto Message(Guid authorId, string text, ChatAuthorRole role = ChatAuthorRole.Viewer, string name = "Lin") => new(
        Id: Guid.NewGuid(),
        AuthorId: authorId,
        AuthorName: name,
        AuthorRole: role,
        Text: text,
        SentAt: DeviceNow,
        ClientMessageId: null);

    private IRenderedComponent<ChatList> RenderList(IReadOnlyList<ChatMessageDto> messages, IReadOnlyList<PendingChat>? pending = null, Guid? ownUserId = null) =>
        Ctx.Render<ChatList>(p => p
            .Add(c => c.Messages, messages)
            .Add(c => c.Pending, pending ?? [])
            .Add(c => c.OwnUserId, ownUserId));

    [Fact]
    public void Render_TextWithMarkup_ShowsMarkupAsText()
    {
        const string text = "<b>bold</b> & <script>alert(1)</script>";

        var cut = RenderList([Message(Someone, text)]);

        Assert.Equal(text, cut.Find("[data-testid=chat-text]").TextContent);
        Assert.Empty(cut.FindAll("b"));
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PendingTextWithMarkup_ShowsMarkupAsText()
    {
        const string text = "<img src=x onerror=alert(1)>";

        var cut = RenderList([], [new PendingChat(Guid.NewGuid(), "Me", text)], Me);

        Assert.Equal(text, cut.Find("[data-testid=chat-text]").TextContent);
        Assert.Empty(cut.FindAll("img"));
    }

    [Fact]
    public void Render_OwnAndOtherMessages_MarksOnlyOwn()
    {
        var cut = RenderList([Message(Me, "mine", name: "Me"), Message(Someone, "theirs")], ownUserId: Me);

        var lines = cut.FindAll("[data-testid=chat-line]");
        Assert.Equal(2, lines.Count);
        Assert.Equal("true", lines[0].GetAttribute("data-own"));
        Assert.True(lines[0].ClassList.Contains("is-own"));
        Assert.Contains("mine", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("false", lines[1].GetAttribute("data-own"));
        Assert.False(lines[1].ClassList.Contains("is-own"));
        Assert.Contains("theirs", lines[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SignedOut_MarksNoMessageAsOwn()
    {
        var cut = RenderList([Message(Me, "hello")], ownUserId: null);

        var line = cut.Find("[data-testid=chat-line]");
        Assert.Equal("false", line.GetAttribute("data-own"));
        Assert.False(line.ClassList.Contains("is-own"));
    }

    [Fact]
    public void Render_HostMessage_ShowsHostBadge()
    {
        var cut = RenderList([Message(Someone, "Welcome!", ChatAuthorRole.Host, "Mei"), Message(Me, "hi")]);

        var lines = cut.FindAll("[data-testid=chat-line]");
        Assert.Equal("Host", lines[0].QuerySelector(".ls-chat__badge")!.TextContent.Trim());
        Assert.True(lines[0].ClassList.Contains("is-host"));
        Assert.Null(lines[1].QuerySelector(".ls-chat__badge"));
    }

    [Fact]
    public void Render_ModeratorMessage_ShowsModBadge()
    {
        var cut = RenderList([Message(Someone, "Be nice", ChatAuthorRole.Moderator)]);

        Assert.Equal("Mod", cut.Find(".ls-chat__badge").TextContent.Trim());
    }

    [Fact]
    public void Render_PendingOwnMessage_ShowsAfterConfirmedAsPendingOwn()
    {
        var cut = RenderList([Message(Someone, "first")], [new PendingChat(Guid.NewGuid(), "Me", "on its way")], Me);

        var lines = cut.FindAll("[data-testid=chat-line]");
        Assert.Equal(2, lines.Count);
        Assert.Null(lines[0].GetAttribute("data-pending"));
        Assert.Equal("true", lines[1].GetAttribute("data-pending"));
        Assert.Equal("true", lines[1].GetAttribute("data-own"));
        Assert.True(lines[1].ClassList.Contains("is-pending"));
        Assert.Equal("on its way", lines[1].QuerySelector("[data-testid=chat-text]")!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=chat-empty]"));
    }

    [Fact]
    public void Render_NoMessages_ShowsEmptyText()
    {
        var cut = Ctx.Render<ChatList>(p => p
            .Add(c => c.Messages, Array.Empty<ChatMessageDto>())
            .Add(c => c.EmptyText, "Be the first to say hi"));

        Assert.Equal("Be the first to say hi", cut.Find("[data-testid=chat-empty]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=chat-line]"));
    }

    [Fact]
    public void Render_NoMessagesDefaultText_ShowsDefaultEmptyText()
    {
        var cut = RenderList([]);

        Assert.Equal("No messages yet. Say hello!", cut.Find("[data-testid=chat-empty]").TextContent.Trim());
    }

    private static string Announced(IRenderedComponent<ChatList> cut) => cut.Find("[data-testid=chat-announcement]").TextContent.Trim();

    [Fact]
    public void Render_HistoryAndBusyChat_TheListIsNotLiveAPoliteRegionSummarisesAtMostEveryFewSeconds()
    {
        List<ChatMessageDto> messages = [Message(Someone, "history 1"), Message(Someone, "history 2")];
        var cut = RenderList(messages.ToList(), ownUserId: Me);
        Assert.Null(cut.Find("[data-testid=chat-list]").GetAttribute("aria-live"));
        Assert.Equal("polite", cut.Find("[data-testid=chat-announcement]").GetAttribute("aria-live"));
        Assert.Equal("", Announced(cut)); // What was there is not read out.

        // After a quiet spell the first new line is read at once.
        messages.Add(Message(Someone, "hello", name: "Mei"));
        cut.Render(p => p.Add(c => c.Messages, messages.ToList()));
        Assert.Equal("Mei: hello", Announced(cut));

        // Three more within the quiet time: nothing yet, then one summary when it has passed.
        for (var i = 0; i < 3; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            messages.Add(Message(Someone, $"line {i}"));
            cut.Render(p => p.Add(c => c.Messages, messages.ToList()));
            Assert.Equal("Mei: hello", Announced(cut));
        }

        Clock.Advance(TimeSpan.FromSeconds(2));
        cut.WaitForAssertion(() => Assert.Equal("3 new messages", Announced(cut)));
    }

    [Fact]
    public void Render_OwnLine_IsNotAnnouncedBack()
    {
        List<ChatMessageDto> messages = [Message(Someone, "hi")];
        var cut = RenderList(messages.ToList(), ownUserId: Me);

        messages.Add(Message(Me, "my own words", name: "Me"));
        cut.Render(p => p.Add(c => c.Messages, messages.ToList()));

        Assert.Equal("", Announced(cut));
    }
}
