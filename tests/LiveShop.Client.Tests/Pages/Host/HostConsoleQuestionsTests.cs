using LiveShop.Client.Pages.Host;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.Pages.Host;

/// <summary>The host console once live: the question queue beside the chat, fed by the moderation state and its pushes.</summary>
public sealed class HostConsoleQuestionsTests : BunitTestBase
{
    private static readonly Guid HostId = ShopTestData.Detail(DeviceNow).Host.Id;

    private readonly FakeLiveShowConnection _live = new(Join(DeviceNow, chat: [Message(1, "Hello from Tainan", DeviceNow)]), DeviceNow);

    public HostConsoleQuestionsTests()
    {
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton<IShowReader>(new SingleShowReader(ShopTestData.Detail(DeviceNow)))
            .AddSingleton<ILiveShowConnection>(_live)
            .AddSingleton(new ApiClient(new FakeSalesApi().CreateClient()))
            .BuildServiceProvider());
    }

    private IRenderedComponent<HostConsole> RenderConsole(params QuestionDto[] questions)
    {
        _live.Answer(nameof(ILiveShowHub.GetModeration), _ => Desk(questions: questions, isHost: true));
        Ctx.Render<MudSnackbarProvider>();
        Ctx.Render<MudDialogProvider>();
        var cut = Ctx.Render<HostConsole>(p => p.Add(c => c.Id, ShowId).AddCascadingValue(SignedIn.As(HostId, "Mei", Roles.Host)));
        cut.WaitForElement("[data-testid=console-questions]");
        return cut;
    }

    [Fact]
    public async Task Queue_TopOpenByVotes_NewQuestionsArriveLive()
    {
        var cut = RenderConsole(
            Question(1, "Ships to Kaohsiung?", DeviceNow.AddMinutes(-5), votes: 1),
            Question(2, "Real jade?", DeviceNow.AddMinutes(-2), votes: 4));

        Assert.Equal(["Real jade?", "Ships to Kaohsiung?"], cut.FindAll("[data-testid=question-text]").Select(e => e.TextContent.Trim()));
        Assert.Equal($"moderate/shows/{ShowId}", cut.Find("[data-testid=open-desk]").GetAttribute("href"));

        await cut.InvokeAsync(() => _live.PushQuestionAsync(Question(3, "Pouch included?", DeviceNow, votes: 9)));

        cut.WaitForAssertion(() => Assert.Equal("Pouch included?", cut.FindAll("[data-testid=question-text]")[0].TextContent.Trim()));
    }

    [Fact]
    public void MarkAnswered_AnsweredAloud_LeavesTheQueue()
    {
        var jade = Question(2, "Real jade?", DeviceNow.AddMinutes(-2), votes: 4);
        _live.Answer(nameof(ILiveShowHub.AnswerQuestion), _ => jade with { Status = QuestionStatus.Answered, AnsweredAt = DeviceNow, Version = 2 });
        var cut = RenderConsole(jade);

        cut.Find("[data-testid=mark-answered]").Click();

        Assert.Equal([jade.Id, null], Assert.Single(_live.CallsOf(nameof(ILiveShowHub.AnswerQuestion))).Args);
        cut.WaitForElement("[data-testid=queue-empty]");
    }

    [Fact]
    public void ChatLines_HaveTheModerationMenu()
    {
        var cut = RenderConsole();

        // Opened once the console has joined the room (its chat re-renders then), and the menu renders asynchronously.
        cut.WaitForAssertion(() => Assert.Equal(LiveConnectionState.Connected, _live.State));
        cut.Find("[data-testid=chat-line-menu]").Click();

        Assert.NotNull(cut.WaitForElement("[data-testid=delete-message]"));
        Assert.NotNull(cut.Find("[data-testid=timeout-600]"));
    }
}
