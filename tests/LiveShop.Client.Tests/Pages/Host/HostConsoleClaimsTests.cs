using LiveShop.Client.Features.Claims;
using LiveShop.Client.Pages.Host;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Realtime;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.TestDoubles.ClaimFixtures;
using static LiveShop.Client.Tests.VariantTestData;

namespace LiveShop.Client.Tests.Pages.Host;

/// <summary>"+1" claims in the host console: turned on under a pinned product, counts per keyword, and the list of claims.</summary>
public sealed class HostConsoleClaimsTests : BunitTestBase
{
    private static readonly Guid HostId = ShopTestData.Detail(DeviceNow).Host.Id;

    private FakeLiveShowConnection _live = default!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = default!;

    private IRenderedComponent<HostConsole> RenderConsole(IReadOnlyList<ChatClaimSettingsDto>? claims = null, params ChatClaimDto[] list)
    {
        _live = new FakeLiveShowConnection(ClaimFixtures.Join(DeviceNow, [Tee, ShopTestData.Jade], claims, isStaff: true), DeviceNow);
        _live.Answer(nameof(ILiveShowHub.GetModeration), _ => ModerationFixtures.Desk(isHost: true));
        _live.Answer(nameof(ILiveShowHub.GetClaims), _ => (IReadOnlyList<ChatClaimDto>)list);
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton<IShowReader>(new SingleShowReader(ClaimFixtures.Detail(DeviceNow)))
            .AddSingleton<ILiveShowConnection>(_live)
            .AddSingleton(new ApiClient(new FakeSalesApi().CreateClient()))
            .BuildServiceProvider());
        _snackbars = Ctx.Render<MudSnackbarProvider>();
        Ctx.Render<MudPopoverProvider>();
        var cut = Ctx.Render<HostConsole>(p => p.Add(c => c.Id, ShowId).AddCascadingValue(SignedIn.As(HostId, "Mei", Roles.Host)));
        cut.WaitForAssertion(() => Assert.Equal(LiveConnectionState.Connected, _live.State));
        return cut;
    }

    private static IRenderedComponent<ClaimsControl> ControlOf(IRenderedComponent<HostConsole> cut, Guid productId) =>
        cut.FindComponents<ClaimsControl>().Single(c => c.Instance.Item.ProductId == productId);

    private static IReadOnlyList<string> KeywordLines(IRenderedComponent<HostConsole> cut, Guid productId) =>
        [.. cut.FindAll($"[data-testid=claims-control][data-product-id='{productId}'] [data-testid=claims-keyword]").Select(e => e.TextContent.Trim())];

    [Fact]
    public async Task TurnOn_PinnedProduct_SendsTheProductOnAndTheChosenPayTime_ThenTheCountsShowPerKeyword()
    {
        var cut = RenderConsole();
        _live.Answer(nameof(ILiveShowHub.SetChatClaims), args =>
            new ClaimsChangedEvent(11, DeviceNow, TeeClaims(open: true, payMinutes: ((SetChatClaimsRequest)args[0]!).PayMinutes)));

        // Pinned products get the control; the oolong, not pinned, does not.
        Assert.Equal(2, cut.FindAll("[data-testid=claims-control]").Count);
        Assert.Empty(cut.FindAll($"[data-testid=claims-control][data-product-id='{ShopTestData.Oolong}']"));

        var payTime = ControlOf(cut, Tee).FindComponent<MudSelect<int>>();
        Assert.Equal("30 minutes", payTime.Find("input").GetAttribute("value"));
        await cut.InvokeAsync(() => payTime.Instance.ValueChanged.InvokeAsync(60));
        Assert.Empty(_live.CallsOf(nameof(ILiveShowHub.SetChatClaims)));

        cut.Find($"[data-testid=claims-control][data-product-id='{Tee}'] input[type=checkbox]").Change(true);

        var call = Assert.Single(_live.CallsOf(nameof(ILiveShowHub.SetChatClaims)));
        Assert.Equal(new SetChatClaimsRequest(Tee, true, 60), call.Args[0]);
        _snackbars.WaitForAssertion(() => Assert.Contains("+1 claims are on", _snackbars.Markup, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal(["+1 Black / M · 0 claimed", "+1 Black / L · 0 claimed", "+1 White / M · 0 claimed"], KeywordLines(cut, Tee)));

        await cut.InvokeAsync(() => _live.PushEventsAsync(new ClaimsChangedEvent(12, DeviceNow, TeeClaims(open: true, payMinutes: 60, blackM: 12, blackMWaiting: 3, blackL: 4))));

        cut.WaitForAssertion(() => Assert.Equal(["+1 Black / M · 12 claimed · 3 waiting", "+1 Black / L · 4 claimed", "+1 White / M · 0 claimed"], KeywordLines(cut, Tee)));
    }

    [Fact]
    public async Task ClaimsList_NewestFirst_WithTimeLeftAndPlaceInLine_AndAPushedClaimMovesAtOnce()
    {
        var cut = RenderConsole(
            [JadeClaims(open: true, claimed: 2, waiting: 1)],
            Claim(3, ChatClaimStatus.Ordered, DeviceNow.AddMinutes(-10), buyer: "Nikos"),
            Claim(1, ChatClaimStatus.Held, DeviceNow.AddMinutes(-5), buyer: "Ann"),
            Claim(2, ChatClaimStatus.Waiting, DeviceNow.AddMinutes(-1), waitPosition: 1, buyer: "Bo"));

        cut.WaitForAssertion(() => Assert.Equal(["Bo · Waiting #1", "Ann · Held · 25:00 left", "Nikos · Paid"], Rows(cut)));
        Assert.All(cut.FindAll("[data-testid=claim-what]"), e => Assert.Equal("Jade Face Roller", e.TextContent.Trim()));

        await cut.InvokeAsync(() => _live.PushClaimAsync(Claim(1, ChatClaimStatus.Expired, DeviceNow.AddMinutes(-5), buyer: "Ann")));
        await cut.InvokeAsync(() => _live.PushClaimAsync(Claim(2, ChatClaimStatus.Held, DeviceNow.AddMinutes(-1), payBy: DeviceNow.AddMinutes(10), buyer: "Bo")));

        cut.WaitForAssertion(() => Assert.Equal(["Bo · Held · 10:00 left", "Ann · Expired", "Nikos · Paid"], Rows(cut)));
        Assert.Single(_live.CallsOf(nameof(ILiveShowHub.GetClaims)));
    }

    [Fact]
    public async Task ClaimsEvents_ReloadTheList_AtMostOnceASecond()
    {
        var claims = new List<ChatClaimDto> { Claim(1, ChatClaimStatus.Held, DeviceNow.AddMinutes(-2), buyer: "Ann") };
        var cut = RenderConsole([JadeClaims(open: true, claimed: 1)]);
        _live.Answer(nameof(ILiveShowHub.GetClaims), _ => (IReadOnlyList<ChatClaimDto>)[.. claims]);
        cut.WaitForAssertion(() => Assert.Single(_live.CallsOf(nameof(ILiveShowHub.GetClaims))));

        claims.Add(Claim(2, ChatClaimStatus.Held, DeviceNow, buyer: "Bo"));
        for (var sequence = 11; sequence <= 13; sequence++)
        {
            var seq = sequence;
            await cut.InvokeAsync(() => _live.PushEventsAsync(new ClaimsChangedEvent(seq, DeviceNow, JadeClaims(open: true, claimed: seq - 9))));
        }

        Assert.Single(_live.CallsOf(nameof(ILiveShowHub.GetClaims)));
        Clock.Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Equal(["Bo · Held · 29:59 left", "Ann · Held · 27:59 left"], Rows(cut)));
        Assert.Equal(2, _live.CallsOf(nameof(ILiveShowHub.GetClaims)).Count);
    }

    [Fact]
    public void TurnOn_Refused_TheServersSentenceShows_AndClaimsStayOff()
    {
        var cut = RenderConsole();
        _live.Refuse(nameof(ILiveShowHub.SetChatClaims), ProblemCodes.ClaimFlashSale, "A flash price runs on Jade Face Roller: end it before taking +1 claims.");

        cut.Find($"[data-testid=claims-control][data-product-id='{ShopTestData.Jade}'] input[type=checkbox]").Change(true);

        _snackbars.WaitForAssertion(() => Assert.Contains("A flash price runs on Jade Face Roller: end it before taking +1 claims.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Empty(KeywordLines(cut, ShopTestData.Jade));
        Assert.Empty(cut.FindAll("[data-testid=claims-panel]"));
    }

    /// <summary>Each listed claim as "buyer · status".</summary>
    private static IReadOnlyList<string> Rows(IRenderedComponent<HostConsole> cut) =>
        [.. cut.FindAll("[data-testid=claim-row]").Select(row =>
            $"{row.QuerySelector("[data-testid=claim-buyer]")!.TextContent.Trim()} · {Squash(row.QuerySelector("[data-testid=claim-status]")!.TextContent)}")];

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
