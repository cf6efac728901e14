using LiveShop.Client.Components;
using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveShop.Client.Tests;

/// <summary>
/// The cart sheet over a live show, against a <see cref="FakeApi"/>, with the snackbar and dialog
/// providers rendered (as the layout does) so toasts and dialogs can be seen and clicked.
/// </summary>
public abstract class CheckoutTestBase : BunitTestBase
{
    protected CheckoutTestBase()
        : this(new FakeApi())
    {
    }

    private CheckoutTestBase(FakeApi api)
        : base(services => services
            .AddSingleton(api.Client())
            .AddSingleton(sp => new CartState(sp.GetRequiredService<TimeProvider>())))
    {
        Api = api;
        Api.Answer(HttpMethod.Get, ApiRoutes.Profile, FakeApi.Json(System.Net.HttpStatusCode.OK, new ProfileDto("Mei Lin", true, ShopTestData.Address)));
        GivenCheckout(TestGatewayCheckout);
    }

    /// <summary>A shop in Development: test cards through the development gateway, and cash on delivery.</summary>
    protected static readonly CheckoutOptionsDto TestGatewayCheckout = new(CardProcessor.TestGateway, null, true, false, true, 10,
        $"Test mode — no money moves: pay with test card {TestCards.Succeeds} (approved) or {TestCards.Declined} (declined).");

    /// <summary>What the show's checkout offers (GET /api/shows/{id}/checkout).</summary>
    protected void GivenCheckout(CheckoutOptionsDto options) =>
        Api.Answer(HttpMethod.Get, ApiRoutes.ShowCheckout(ShopTestData.ShowId), FakeApi.Json(System.Net.HttpStatusCode.OK, options));

    protected FakeApi Api { get; }

    protected ShowState Show { get; private set; } = default!;

    protected CartState Cart { get; private set; } = default!;

    /// <summary>What the sheet asked its parent: false after it closed itself.</summary>
    protected List<bool> OpenChanges { get; } = [];

    protected List<OrderDto> Placed { get; } = [];

    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = default!;

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    /// <summary>The live show (optionally with the jade roller on flash sale, or as a creator's show of two brands) and a cart attached to it.</summary>
    protected void GivenShow(bool jadeOnSale = false, bool brands = false)
    {
        Show = ShopTestData.LiveShow(DeviceNow, jadeOnSale, brands);
        Cart = Ctx.Services.GetRequiredService<CartState>();
        Cart.Attach(Show);
    }

    protected IRenderedComponent<CartSheet> RenderSheet(bool signedIn = true)
    {
        Snackbars = Ctx.Render<MudSnackbarProvider>();
        Dialogs = Ctx.Render<MudDialogProvider>();
        return Ctx.Render<CartSheet>(p => p
            .Add(s => s.Open, true)
            .Add(s => s.OpenChanged, EventCallback.Factory.Create<bool>(this, OpenChanges.Add))
            .Add(s => s.SignedIn, signedIn)
            .Add(s => s.ReturnUrl, $"/shows/{ShopTestData.ShowId}")
            .Add(s => s.OnOrderPlaced, EventCallback.Factory.Create<OrderDto>(this, Placed.Add)));
    }

    /// <summary>Cart → Delivery (the saved address fills in) → Payment.</summary>
    protected static void GoToPayment(IRenderedComponent<CartSheet> sheet)
    {
        sheet.Find("[data-testid=checkout-next]").Click();
        sheet.WaitForAssertion(() => Assert.Equal("Mei Lin", sheet.Find("[data-testid=address-name] input, input[data-testid=address-name]").GetAttribute("value")));
        sheet.Find("[data-testid=address-form]").Submit();
        sheet.WaitForAssertion(() => Assert.Equal("payment", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
    }
}
