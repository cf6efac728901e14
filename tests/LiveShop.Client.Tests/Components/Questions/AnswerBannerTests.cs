using LiveShop.Client.Components.Questions;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.Components.Questions;

public sealed class AnswerBannerTests : BunitTestBase
{
    private IRenderedComponent<AnswerBanner> RenderBanner(QuestionDto? question, TimeSpan clockOffset = default) =>
        Ctx.Render<AnswerBanner>(p => p.Add(b => b.Question, question).Add(b => b.ClockOffset, clockOffset));

    private static QuestionDto Answered(DateTimeOffset at, string? answer = "Yes, a silk pouch!") =>
        Question(1, "Does the roller come with a pouch?", at.AddMinutes(-2), status: QuestionStatus.Answered, answer: answer, answeredAt: at);

    [Fact]
    public void Answer_ShowsQuestionAndAnswer_ThenHidesAfterTwentySeconds()
    {
        var cut = RenderBanner(Answered(DeviceNow));

        var banner = cut.Find("[data-testid=answer-banner]");
        Assert.Contains("Ann asked: Does the roller come with a pouch?", banner.TextContent, StringComparison.Ordinal);
        Assert.Equal("Yes, a silk pouch!", cut.Find("[data-testid=answer-banner-text]").TextContent.Trim());

        Clock.Advance(Limits.AnswerBannerDuration - TimeSpan.FromSeconds(1));
        cut.Render();
        Assert.NotEmpty(cut.FindAll("[data-testid=answer-banner]"));

        Clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=answer-banner]")));
    }

    [Fact]
    public void JoinedFiveSecondsAfterTheAnswer_ShowsItForTheFifteenLeft()
    {
        // The device clock runs 3 s behind the server: the banner's time is the server's.
        var offset = TimeSpan.FromSeconds(3);
        var cut = RenderBanner(Answered(DeviceNow + offset - TimeSpan.FromSeconds(5)), offset);
        Assert.NotEmpty(cut.FindAll("[data-testid=answer-banner]"));

        Clock.Advance(TimeSpan.FromSeconds(14));
        cut.Render();
        Assert.NotEmpty(cut.FindAll("[data-testid=answer-banner]"));

        Clock.Advance(TimeSpan.FromSeconds(1));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=answer-banner]")));
    }

    [Fact]
    public void AnsweredWithoutText_SaysAnsweredLive()
    {
        var cut = RenderBanner(Answered(DeviceNow, answer: null));

        Assert.Equal("Answered live: Does the roller come with a pouch?", cut.Find("[data-testid=answer-banner-text]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=answer-banner-question]"));
    }

    [Fact]
    public void OldAnswerOrNone_ShowsNothing()
    {
        Assert.Empty(RenderBanner(Answered(DeviceNow.AddSeconds(-21))).FindAll("[data-testid=answer-banner]"));
        Assert.Empty(RenderBanner(null).FindAll("[data-testid=answer-banner]"));
    }

    [Fact]
    public void NewerAnswer_ReplacesTheBannerAndGetsItsOwnTwentySeconds()
    {
        var cut = RenderBanner(Answered(DeviceNow));
        Clock.Advance(TimeSpan.FromSeconds(15));

        var second = Question(2, "Is it real jade?", DeviceNow, status: QuestionStatus.Answered, answer: "Xiuyan jade", answeredAt: DeviceNow.AddSeconds(15));
        cut.Render(p => p.Add(b => b.Question, second));
        Assert.Equal("Xiuyan jade", cut.Find("[data-testid=answer-banner-text]").TextContent.Trim());

        Clock.Advance(TimeSpan.FromSeconds(10));
        cut.Render();
        Assert.Equal("Xiuyan jade", cut.Find("[data-testid=answer-banner-text]").TextContent.Trim());

        Clock.Advance(TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=answer-banner]")));
    }
}
