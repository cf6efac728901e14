using System.Net;
using Bunit;
using LiveShop.Client.Components;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Components;

/// <summary>
/// A creator's show with two brands' products (issue 17): the cart says who sells each item and that each seller
/// makes its own order; with Stripe the buyer pays each brand's order in its own form, one after the other.
/// </summary>
public sealed class CartSheetBrandsTests : CheckoutTestBase
{
    private const string StripeModule = "./js/stripe-payment.js";

    private static OrderDto HeldForCard(string number, string secret, string key) => Order(number, OrderStatus.PendingPayment, DeviceNow) with
    {
        PaymentMethod = PaymentMethod.Card,
        HoldExpiresAt = DeviceNow.AddMinutes(10),
        PaymentSession = new PaymentSessionDto(CardProcessor.Stripe, secret, key, false),
    };

    [Fact]
    public void TwoBrands_CartNamesEachSeller_ThenEachOrderIsPaidInItsOwnForm()
    {
        GivenShow(brands: true);
        GivenCheckout(new CheckoutOptionsDto(CardProcessor.Stripe, null, true, false, false, 10, null));
        Cart.Add(JadeItem with { BrandName = "Jade Atelier" });
        Cart.Add(OolongItem with { BrandName = "Alishan Tea Co." });
        var jade = HeldForCard("3001", "pi_jade_secret", "pk_test_jade");
        var tea = HeldForCard("3002", "pi_tea_secret", "pk_test_tea");
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, jade with { AlsoPlaced = [tea] }));
        Api.Answer(HttpMethod.Post, ApiRoutes.OrderPayment(jade.Id), FakeApi.Json(HttpStatusCode.OK, jade with { Status = OrderStatus.Paid, PaymentSession = null }));
        Api.Answer(HttpMethod.Post, ApiRoutes.OrderPayment(tea.Id), FakeApi.Json(HttpStatusCode.OK, tea with { Status = OrderStatus.Paid, PaymentSession = null }));
        var module = Ctx.JSInterop.SetupModule(StripeModule);
        var mount = module.SetupVoid("mount", _ => true);
        mount.SetVoidResult();
        module.Setup<StripeConfirmResult>("confirm", _ => true).SetResult(new StripeConfirmResult("succeeded", null));
        var sheet = RenderSheet();

        // The cart: who sells each item, and one order per seller.
        Assert.Equal(["Sold by Jade Atelier", "Sold by Alishan Tea Co."], sheet.FindAll("[data-testid=cart-line-brand]").Select(e => e.TextContent.Trim()));
        Assert.Contains("2 sellers", sheet.Find("[data-testid=cart-sellers]").TextContent, StringComparison.Ordinal);

        GoToPayment(sheet);
        sheet.Find("[data-testid=place-order]").Click();

        // The first brand's form, with its own Stripe key.
        sheet.WaitForAssertion(() => Assert.Contains("Payment 1 of 2", sheet.Find("[data-testid=pay-progress]").TextContent, StringComparison.Ordinal));
        sheet.WaitForAssertion(() => Assert.Single(mount.Invocations["mount"]));
        Assert.Equal(["pk_test_jade", "pi_jade_secret"], mount.Invocations["mount"][0].Arguments.Skip(1).Cast<string>().ToArray());
        sheet.Find("[data-testid=pay-now]").Click();

        // Then the second's: a new form with the other brand's key.
        sheet.WaitForAssertion(() => Assert.Contains("Payment 2 of 2", sheet.Find("[data-testid=pay-progress]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Order #3002 is held for you", sheet.Find("[data-testid=pay-hold]").TextContent, StringComparison.Ordinal);
        sheet.WaitForAssertion(() => Assert.Equal(2, mount.Invocations["mount"].Count));
        Assert.Equal(["pk_test_tea", "pi_tea_secret"], mount.Invocations["mount"][1].Arguments.Skip(1).Cast<string>().ToArray());
        Assert.Empty(OpenChanges);
        sheet.Find("[data-testid=pay-now]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("2 orders placed, one per seller: #3001, #3002", Snackbars.Find("[data-testid=order-placed]").TextContent, StringComparison.Ordinal));
        Assert.Single(Api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.OrderPayment(jade.Id));
        Assert.Single(Api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.OrderPayment(tea.Id));
        Assert.Equal([false], OpenChanges);
    }
}
