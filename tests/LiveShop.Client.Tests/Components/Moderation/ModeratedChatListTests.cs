using LiveShop.Client.Components.Moderation;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared.Realtime;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.Components.Moderation;

/// <summary>The staff's chat list in the moderator's language: the line menu's actions and its timeout lengths.</summary>
public sealed class ModeratedChatListTests : BunitTestBase
{
    private readonly List<RestrictRequest> _restricted = [];

    private IRenderedComponent<ModeratedChatList> Render(params ChatMessageDto[] messages) =>
        Ctx.Render<ModeratedChatList>(p => p
            .Add(c => c.Messages, messages)
            .Add(c => c.OnDelete, (ChatMessageDto _) => { })
            .Add(c => c.OnRestrict, (RestrictRequest r) => _restricted.Add(r)));

    private static IReadOnlyList<string> Actions(IRenderedComponent<ModeratedChatList> cut) =>
        [.. cut.Find("[data-testid=chat-line-actions]").QuerySelectorAll("button").Select(b => b.TextContent.Trim())];

    [Fact]
    public void LineMenu_InTraditionalChinese_OffersDeleteTimeoutsAndBan_InTaiwansWords()
    {
        using var taiwan = new UseCulture("zh-TW");
        var cut = Render(Message(1, "太貴了吧", DeviceNow));

        var menu = cut.Find("[data-testid=chat-line-menu]");
        Assert.Equal("管理 Bo 的訊息", menu.GetAttribute("aria-label"));
        menu.Click();

        Assert.Equal(["刪除", "10 秒", "1 分鐘", "10 分鐘", "1 小時", "24 小時", "封鎖"], Actions(cut));
        Assert.Equal("將 Bo 禁言 10 分鐘", cut.Find("[data-testid=timeout-600]").GetAttribute("aria-label"));
        cut.Find("[data-testid=timeout-600]").Click();
        Assert.Equal(600, Assert.Single(_restricted).Seconds);
    }

    [Fact]
    public void LineMenu_InGreek_ShortGreekUnits_AndAnEmptyChatSaysSoInGreek()
    {
        using var greek = new UseCulture("el");
        var empty = Render();
        Assert.Equal("Δεν υπάρχουν ακόμη μηνύματα.", empty.Find("[data-testid=chat-empty]").TextContent.Trim());

        var cut = Render(Message(1, "Πόσο κάνει;", DeviceNow), Message(2, "Καλησπέρα", DeviceNow, Nikos, ChatAuthorRole.Moderator));
        Assert.Contains("Συντονιστής", cut.FindAll("[data-testid=desk-chat-line]")[1].TextContent, StringComparison.Ordinal);
        cut.FindAll("[data-testid=chat-line-menu]")[0].Click();

        Assert.Equal(["Διαγραφή", "10 δ", "1 λεπ.", "10 λεπ.", "1 ώ.", "24 ώ.", "Αποκλεισμός"], Actions(cut));
        Assert.Equal("Σίγαση του/της Bo για 1 ώ.", cut.Find("[data-testid=timeout-3600]").GetAttribute("aria-label"));
    }
}
