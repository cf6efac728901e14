using LiveShop.Client.Components.Moderation;
using LiveShop.Client.Components.Questions;
using LiveShop.Client.State;
using LiveShop.Shared.Moderation;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.Components.Questions;

public sealed class QuestionQueueTests : BunitTestBase
{
    private readonly QuestionBoard _board = new();
    private readonly List<string> _actions = [];

    public QuestionQueueTests()
    {
        _board.Apply(Question(1, "Ships to Kaohsiung?", DeviceNow.AddMinutes(-9), votes: 2));
        _board.Apply(Question(2, "Real jade?", DeviceNow.AddMinutes(-3), votes: 7));
        _board.Apply(Question(3, "Pouch included?", DeviceNow.AddMinutes(-8), votes: 7));
        _board.Apply(Question(4, "Discount code?", DeviceNow.AddMinutes(-1), status: QuestionStatus.Pending, author: Bo));
        _board.Apply(Question(5, "Colours?", DeviceNow.AddMinutes(-20), status: QuestionStatus.Answered, answer: "Green and pink", answeredAt: DeviceNow.AddMinutes(-10)));
        _board.Apply(Question(6, "Spam", DeviceNow.AddMinutes(-20), status: QuestionStatus.Dismissed));
    }

    private IRenderedComponent<QuestionQueue> RenderQueue(Action<ComponentParameterCollectionBuilder<QuestionQueue>>? more = null) =>
        Ctx.Render<QuestionQueue>(p =>
        {
            p.Add(q => q.Board, _board)
             .Add(q => q.ServerNow, DeviceNow)
             .Add(q => q.OnApprove, (QuestionDto q) => _actions.Add($"approve {q.Text}"))
             .Add(q => q.OnAnswer, (AnswerRequest r) => _actions.Add($"answer {r.Question.Text}: {r.Text ?? "(aloud)"}"))
             .Add(q => q.OnDismiss, (QuestionDto q) => _actions.Add($"dismiss {q.Text}"));
            more?.Invoke(p);
        });

    private static IReadOnlyList<string> Texts(IRenderedComponent<QuestionQueue> cut) =>
        [.. cut.FindAll("[data-testid=desk-question] [data-testid=question-text]").Select(e => e.TextContent.Trim())];

    [Fact]
    public void Open_MostVotesFirstThenOldest_WithAuthorAndVotes()
    {
        var cut = RenderQueue();

        Assert.Equal(["Pouch included?", "Real jade?", "Ships to Kaohsiung?"], Texts(cut));
        var first = cut.FindAll("[data-testid=desk-question]")[0];
        Assert.Equal("Ann", first.QuerySelector("[data-testid=question-author]")!.TextContent.Trim());
        Assert.Equal("7", first.QuerySelector("[data-testid=question-votes]")!.TextContent.Trim());
        Assert.Contains("8 min ago", first.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=approve-button]"));
    }

    [Fact]
    public void Filters_CountEachAndShowPendingWithApprove_AnsweredWithTheAnswer()
    {
        var cut = RenderQueue(p => p.Add(q => q.Filter, QuestionStatus.Pending));
        Assert.Equal(["1", "3", "1"], cut.FindAll("[data-testid=filter-count]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Discount code?"], Texts(cut));

        cut.Find("[data-testid=approve-button]").Click();
        Assert.Equal(["approve Discount code?"], _actions);

        cut.Render(p => p.Add(q => q.Filter, QuestionStatus.Answered));
        Assert.Equal(["Colours?"], Texts(cut));
        Assert.Contains("Green and pink", cut.Find("[data-testid=question-answer]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=answer-input]"));
    }

    [Fact]
    public void FilterChip_AsksTheParentToSwitch()
    {
        var chosen = new List<QuestionStatus>();
        var cut = RenderQueue(p => p.Add(q => q.FilterChanged, (QuestionStatus s) => chosen.Add(s)));

        cut.Find("[data-testid=filter-pending]").Click();

        Assert.Equal([QuestionStatus.Pending], chosen);
        Assert.Equal("true", cut.Find("[data-testid=filter-open]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void AnswerMarkAnsweredDismiss_RaiseTheActionForThatQuestion()
    {
        var cut = RenderQueue();
        var second = () => cut.FindAll("[data-testid=desk-question]")[1];

        Assert.True(second().QuerySelector("[data-testid=answer-send]")!.HasAttribute("disabled"));
        second().QuerySelector("[data-testid=answer-input]")!.Input("  Yes, Xiuyan jade.  ");
        second().QuerySelector("[data-testid=answer-form]")!.Submit();
        cut.FindAll("[data-testid=desk-question]")[0].QuerySelector("[data-testid=mark-answered]")!.Click();
        cut.FindAll("[data-testid=desk-question]")[2].QuerySelector("[data-testid=dismiss-button]")!.Click();

        Assert.Equal(["answer Real jade?: Yes, Xiuyan jade.", "answer Pouch included?: (aloud)", "dismiss Ships to Kaohsiung?"], _actions);
    }

    [Fact]
    public void AnswerRefused_KeepsTheTypedAnswer()
    {
        var cut = RenderQueue();
        var input = () => cut.FindAll("[data-testid=desk-question]")[0].QuerySelector("[data-testid=answer-input]")!;

        input().Input("Yes");
        cut.FindAll("[data-testid=desk-question]")[0].QuerySelector("[data-testid=answer-form]")!.Submit();

        // The parent did not answer it (the server refused): the text is still there to send again.
        Assert.Equal("Yes", input().GetAttribute("value"));
    }

    [Fact]
    public void Busy_DisablesThatQuestionsButtonsAndShowsASpinner()
    {
        var cut = RenderQueue(p => p.Add(q => q.Busy, new HashSet<Guid> { Id(3) }));

        var busy = cut.FindAll("[data-testid=desk-question]")[0];
        Assert.True(busy.QuerySelector("[data-testid=mark-answered]")!.HasAttribute("disabled"));
        Assert.NotNull(busy.QuerySelector("[data-testid=question-busy]"));
        Assert.False(cut.FindAll("[data-testid=desk-question]")[1].QuerySelector("[data-testid=mark-answered]")!.HasAttribute("disabled"));
    }

    [Fact]
    public void ConsoleMode_TopOpenOnly_EmptyStateWhenNone()
    {
        var cut = RenderQueue(p => p.Add(q => q.ShowFilters, false).Add(q => q.MaxItems, 2).Add(q => q.Filter, QuestionStatus.Pending));

        Assert.Empty(cut.FindAll("[data-testid=filter-open]"));
        Assert.Equal(["Pouch included?", "Real jade?"], Texts(cut));

        var empty = Ctx.Render<QuestionQueue>(p => p.Add(q => q.Board, new QuestionBoard()).Add(q => q.ServerNow, DeviceNow).Add(q => q.OnAnswer, (AnswerRequest _) => { }));
        Assert.Contains("No open questions", empty.Find("[data-testid=queue-empty]").TextContent, StringComparison.Ordinal);
    }
}
