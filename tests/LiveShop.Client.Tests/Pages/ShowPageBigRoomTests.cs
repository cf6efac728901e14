using LiveShop.Client.Pages;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.Pages;

/// <summary>A big room's chat as the show page shows it: the note that the chat is a sample, for viewers only.</summary>
public sealed class ShowPageBigRoomTests : CheckoutTestBase
{
    private static readonly ChatMessageDto Hello = Message(1, "Hello from Tainan", DeviceNow.AddMinutes(-2));

    private IRenderedComponent<ShowPage> RenderPage(bool sampled, bool isStaff)
    {
        var join = Join(DeviceNow, chat: [Hello], isStaff: isStaff) with { Stats = new RoomStats(ShowId, 900, 900, 2400, 0, DeviceNow, ChatSampled: sampled) };
        var live = new FakeLiveShowConnection(join, DeviceNow);
        live.Answer(nameof(ILiveShowHub.GetQuestions), _ => new QuestionBoardDto(ShowId, [], []));
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton<IShowReader>(new SingleShowReader(ShopTestData.Detail(DeviceNow)))
            .AddSingleton<ILiveShowConnection>(live)
            .BuildServiceProvider());
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"shows/{ShowId}");
        var page = Ctx.Render<ShowPage>(p => p.Add(c => c.Id, ShowId).AddCascadingValue(SignedIn.As(Ann, "Ann")));
        page.WaitForAssertion(() => Assert.Equal(LiveConnectionState.Connected, live.State));
        return page;
    }

    [Theory]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    [InlineData(true, true, false)]
    public void SideChat_NoteShownOnlyToViewersOfASampledChat(bool sampled, bool isStaff, bool expected)
    {
        var page = RenderPage(sampled, isStaff);

        page.WaitForAssertion(() => Assert.Contains("Hello from Tainan", page.Find("[data-testid=viewer-chat]").TextContent, StringComparison.Ordinal));
        Assert.Equal(expected, page.FindAll("[data-testid=chat-sampled-note]").Count == 1);
    }
}
