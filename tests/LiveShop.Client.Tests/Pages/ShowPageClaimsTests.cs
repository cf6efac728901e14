using System.Net;
using LiveShop.Client.Components;
using LiveShop.Client.Pages;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.TestDoubles.ClaimFixtures;

namespace LiveShop.Client.Tests.Pages;

/// <summary>"+1" claims as a viewer meets them on the show page: the hint on the pinned card, the private card their line gets, Pay.</summary>
public sealed class ShowPageClaimsTests : CheckoutTestBase
{
    private static readonly Guid Ann = ModerationFixtures.Ann;
    private static readonly Guid Jade = ShopTestData.Jade;

    private FakeLiveShowConnection _live = default!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = default!;

    private IRenderedComponent<ShowPage> RenderPage(IReadOnlyList<ChatClaimSettingsDto>? claims = null, IReadOnlyList<Guid>? pinned = null, params ChatClaimDto[] mine)
    {
        _live = new FakeLiveShowConnection(Join(DeviceNow, pinned ?? [Jade], claims ?? [JadeClaims(open: true)]), DeviceNow);
        _live.Answer(nameof(ILiveShowHub.GetQuestions), _ => new QuestionBoardDto(ShopTestData.ShowId, [], []));
        _live.Answer(nameof(ILiveShowHub.GetMyClaims), _ => (IReadOnlyList<ChatClaimDto>)mine);
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton<IShowReader>(new SingleShowReader(Detail(DeviceNow)))
            .AddSingleton<ILiveShowConnection>(_live)
            .BuildServiceProvider());
        _snackbars = Ctx.Render<MudSnackbarProvider>();
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"shows/{ShopTestData.ShowId}");
        var page = Ctx.Render<ShowPage>(p => p.Add(c => c.Id, ShopTestData.ShowId).AddCascadingValue(SignedIn.As(Ann, "Ann")));
        page.WaitForAssertion(() => Assert.Equal(LiveConnectionState.Connected, _live.State));
        return page;
    }

    /// <summary>The server's answer to the viewer's chat line: posted, with the claim (or the note) it made.</summary>
    private void GivenChatAnswer(ChatClaimDto? claim = null, string? note = null) =>
        _live.Answer(nameof(ILiveShowHub.SendChat), args =>
        {
            var request = (SendChatRequest)args[0]!;
            var line = new ChatMessageDto(Guid.NewGuid(), Ann, "Ann", ChatAuthorRole.Viewer, request.Text, DeviceNow, request.ClientMessageId);
            return new SendChatResult(new ChatPostedEvent(11, DeviceNow, line), null, claim, note);
        });

    private static void Say(IRenderedComponent<ShowPage> page, string text)
    {
        page.Find("[data-testid=chat-input]").Input(text);
        page.Find("[data-testid=chat-form]").Submit();
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string CardText(IRenderedComponent<ShowPage> page) => Squash(page.Find("[data-testid=claim-card]").TextContent);

    [Fact]
    public void PlusOne_Held_ShowsAPrivateCardWithThePriceAndPay_AndPayOrdersTheClaimAtItsPrice()
    {
        var held = Claim(1, ChatClaimStatus.Held, DeviceNow, price: 650m);
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, ShopTestData.Order("1050", OrderStatus.Paid, DeviceNow, unitPrice: 650m, quantity: 1)));
        var page = RenderPage();
        GivenChatAnswer(held);

        Say(page, "+1");

        page.WaitForAssertion(() => Assert.Equal("Reserved for you", page.Find("[data-testid=claim-title]").TextContent.Trim()));
        Assert.Equal("Jade Face Roller", page.Find("[data-testid=claim-product]").TextContent.Trim());
        Assert.Equal(Money.Format(650m, Currencies.Twd), page.Find("[data-testid=claim-price]").TextContent.Trim());
        Assert.Equal("Pay within 30:00", Squash(page.Find("[data-testid=claim-text]").TextContent));
        Assert.Contains("+1", page.FindAll("[data-testid=chat-line] [data-testid=chat-text]").Select(e => e.TextContent.Trim()));

        page.Find("[data-testid=claim-pay]").Click();

        // The cart opens on one held unit at the claim's price (not the list price), its quantity not the buyer's to change.
        page.WaitForAssertion(() => Assert.Equal("cart", page.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        var line = page.Find($"[data-testid=cart-line-{Jade}]");
        Assert.Equal(Money.Format(650m, Currencies.Twd), line.QuerySelector("[data-testid=cart-unit-price]")!.TextContent.Trim());
        Assert.Equal("Reserved for you · pay within 30:00", Squash(line.QuerySelector("[data-testid=cart-line-claim]")!.TextContent));
        Assert.Null(line.QuerySelector("[data-testid=cart-qty-plus]"));

        // Not kept for a reload: its price and hold are the claim's, and the reloaded page shows the claim's card again.
        Assert.Empty(Ctx.JSInterop.Invocations["localStorage.setItem"]);

        page.Find("[data-testid=checkout-next]").Click();
        page.WaitForAssertion(() => Assert.Equal("Mei Lin", page.Find("input[data-testid=address-name], [data-testid=address-name] input").GetAttribute("value")));
        page.Find("[data-testid=address-form]").Submit();
        page.WaitForElement("[data-testid=place-order]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Order #1050 placed", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(new PlaceOrderLine(Jade, 1, 650m, null, held.Id), Assert.Single(Assert.Single(Api.OrderAttempts).Order.Lines));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=claim-card]")));
    }

    [Fact]
    public async Task PlusOne_SoldOut_ShowsThePlaceOnTheWaitlist_AndBeingPromotedTurnsItIntoPay()
    {
        var waiting = Claim(1, ChatClaimStatus.Waiting, DeviceNow, waitPosition: 3);
        var page = RenderPage();
        GivenChatAnswer(waiting);

        Say(page, "+1");

        page.WaitForAssertion(() => Assert.Equal("On the waitlist", page.Find("[data-testid=claim-title]").TextContent.Trim()));
        Assert.Equal("Sold out — you're #3 on the waitlist. We'll hold one for you if it comes back.", Squash(page.Find("[data-testid=claim-text]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=claim-pay]"));

        await page.InvokeAsync(() => _live.PushClaimAsync(waiting with { Status = ChatClaimStatus.Held, WaitPosition = null, PayBy = DeviceNow.AddMinutes(10) }));

        page.WaitForAssertion(() => Assert.Equal("Reserved for you", page.Find("[data-testid=claim-title]").TextContent.Trim()));
        Assert.Equal("Pay within 10:00", Squash(page.Find("[data-testid=claim-text]").TextContent));
        Assert.NotNull(page.Find("[data-testid=claim-pay]"));
        _snackbars.WaitForAssertion(() => Assert.Contains("One came back for you: Jade Face Roller is reserved.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Single(page.FindAll("[data-testid=claim-card]"));
    }

    [Fact]
    public async Task PinnedCard_WithClaimsOpen_SaysWhichKeywordsToType_AndHowManyClaimed_UntilClaimsClose()
    {
        var page = RenderPage(claims: [TeeClaims(open: true, blackM: 9, blackL: 3)], pinned: [VariantTestData.Tee]);

        var card = page.Find($"[data-testid=product-card][data-product-id='{VariantTestData.Tee}']");
        Assert.Equal("Type +1 Black / M, +1 Black / L, +1 White / M in the chat to claim", card.QuerySelector("[data-testid=card-claims-hint]")!.TextContent.Trim());
        Assert.Equal("12 claimed", card.QuerySelector("[data-testid=card-claimed]")!.TextContent.Trim());

        await page.InvokeAsync(() => _live.PushEventsAsync(new ClaimsChangedEvent(11, DeviceNow, TeeClaims(open: false, blackM: 9, blackL: 3))));

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=card-claims]")));
    }

    [Fact]
    public void PlusOne_ThatClaimedNothing_TheServersReasonShowsPrivately()
    {
        var page = RenderPage(claims: [TeeClaims(open: true)], pinned: [VariantTestData.Tee]);
        GivenChatAnswer(note: "Type +1 Black / M or +1 Black / L to choose a size.");

        Say(page, "+1");

        _snackbars.WaitForAssertion(() => Assert.Equal("Type +1 Black / M or +1 Black / L to choose a size.", _snackbars.Find(".mud-snackbar-content-message").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=claim-card]"));
    }

    [Fact]
    public async Task Reload_StillHeldClaimComesBack_EndedOnesDoNot_AndOneThatExpiresSaysSo()
    {
        var page = RenderPage(mine:
        [
            Claim(1, ChatClaimStatus.Held, DeviceNow.AddMinutes(-20), price: 650m),
            Claim(2, ChatClaimStatus.Expired, DeviceNow.AddHours(-2)),
            Claim(3, ChatClaimStatus.Ordered, DeviceNow.AddHours(-3)),
        ]);

        page.WaitForAssertion(() => Assert.Equal("Reserved for you Jade Face Roller " + Money.Format(650m, Currencies.Twd) + " Pay within 10:00 Pay", CardText(page)));
        Assert.Single(page.FindAll("[data-testid=claim-card]"));

        await page.InvokeAsync(() => _live.PushClaimAsync(Claim(1, ChatClaimStatus.Expired, DeviceNow.AddMinutes(-20), price: 650m)));

        page.WaitForAssertion(() => Assert.Equal("Hold ended", page.Find("[data-testid=claim-title]").TextContent.Trim()));
        Assert.Equal("Your hold ran out: it went to the next in line.", Squash(page.Find("[data-testid=claim-text]").TextContent));
        page.Find("[data-testid=claim-dismiss]").Click();
        Assert.Empty(page.FindAll("[data-testid=claim-card]"));
    }

    /// <summary>An order has one line per product: the claim waits until the jade already in the cart is ordered.</summary>
    [Fact]
    public void Pay_WithTheSameProductAlreadyInTheCart_SaysToOrderThatFirst()
    {
        var page = RenderPage(mine: [Claim(1, ChatClaimStatus.Held, DeviceNow, price: 650m)]);
        page.Find($"[data-testid=lineup-add-{Jade}]").Click();

        page.WaitForElement("[data-testid=claim-pay]").Click();

        _snackbars.WaitForAssertion(() => Assert.Contains("Jade Face Roller is already in your cart: place that order first, then pay for this one.", _snackbars.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal("cart", page.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        Assert.Empty(page.FindAll("[data-testid=cart-line-claim]"));
        Assert.Equal(Money.Format(690m, Currencies.Twd), page.Find($"[data-testid=cart-line-{Jade}] [data-testid=cart-unit-price]").TextContent.Trim());
    }

    /// <summary>A bare "+1" claims the item on show, the last pinned product: only its card says to type it.</summary>
    [Fact]
    public void TwoPinnedWithoutVariants_OnlyTheLastPinnedSaysToTypePlusOne()
    {
        var oolong = new ChatClaimSettingsDto(ShopTestData.Oolong, true, 30, [new ClaimKeywordDto(ClaimKeywords.Plus1, null, null, 2, 0)]);
        var page = RenderPage(claims: [JadeClaims(open: true, claimed: 1), oolong], pinned: [ShopTestData.Oolong, Jade]);

        var jadeCard = page.Find($"[data-testid=product-card][data-product-id='{Jade}']");
        var oolongCard = page.Find($"[data-testid=product-card][data-product-id='{ShopTestData.Oolong}']");
        Assert.Equal("Type +1 in the chat to claim", jadeCard.QuerySelector("[data-testid=card-claims-hint]")!.TextContent.Trim());
        Assert.Equal("1 claimed", jadeCard.QuerySelector("[data-testid=card-claimed]")!.TextContent.Trim());
        Assert.Null(oolongCard.QuerySelector("[data-testid=card-claims-hint]"));
        Assert.Equal("2 claimed", oolongCard.QuerySelector("[data-testid=card-claimed]")!.TextContent.Trim());
    }
}
