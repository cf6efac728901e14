using System.Net;
using System.Text.Json;
using LiveShop.Client.Features.BackOffice.Settings;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.BackOffice.Settings;

public sealed class PaymentsPageTests : BunitTestBase
{
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid ManagerId = Guid.Parse("0193a000-0000-7000-8000-0000000000c3");
    private const string WebhookUrl = "https://formosa.example/api/payments/stripe/webhook/formosa-tea";

    private static readonly ShopPaymentSettingsDto Connected = new("pk_test_abc123", true, true, WebhookUrl, true, false, null, 3, false);

    private readonly FakeApi _api;

    public PaymentsPageTests()
        : this(new FakeApi())
    {
    }

    private PaymentsPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
        _api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, new List<MyShopDto> { new(ShopId, "Formosa Tea & Beauty", "formosa-tea", null, ShopRole.Manager, false) }));
    }

    private IRenderedComponent<PaymentsPage> Render(ShopPaymentSettingsDto settings)
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopPayments(ShopId), FakeApi.Json(HttpStatusCode.OK, settings));
        var page = Ctx.Render<PaymentsPage>(p => p.Add(c => c.ShopId, ShopId).AddCascadingValue(SignedIn.As(ManagerId, "Leo Wu", Roles.Host)));
        page.WaitForElement("[data-testid=payments-form]");
        return page;
    }

    private static string Input(IRenderedComponent<PaymentsPage> page, string testId) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}]").GetAttribute("value") ?? "";

    [Fact]
    public void Render_Connected_ShowsTheWebhookUrlAndSetSecretsNeverTheirValues()
    {
        var page = Render(Connected);

        Assert.Contains("Connected (test mode)", page.Find("[data-testid=stripe-connected]").TextContent, StringComparison.Ordinal);
        Assert.Equal(WebhookUrl, Input(page, "stripe-webhook-url"));
        Assert.Equal("pk_test_abc123", Input(page, "stripe-publishable-key"));
        Assert.Equal("", Input(page, "stripe-secret-key"));
        Assert.Contains("Set — leave blank to keep it", page.Find("[data-testid=stripe-secret-key] input, input[data-testid=stripe-secret-key]").GetAttribute("placeholder"), StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=bo-nav-payments]"));
    }

    [Fact]
    public void Save_BlankSecrets_AreSentAsNullToKeepThem_AndATypedOneIsSent()
    {
        _api.Answer(HttpMethod.Put, ApiRoutes.ShopPayments(ShopId), FakeApi.Json(HttpStatusCode.OK, Connected));
        var page = Render(Connected);

        page.Find("[data-testid=stripe-webhook-secret] input, input[data-testid=stripe-webhook-secret]").Change("whsec_new1");
        page.Find("[data-testid=payments-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Method == HttpMethod.Put));
        var sent = JsonSerializer.Deserialize<SaveShopPaymentSettingsRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(("pk_test_abc123", null, "whsec_new1"), (sent.StripePublishableKey, sent.StripeSecretKey, sent.StripeWebhookSecret));
    }

    [Fact]
    public void Disconnect_SendsEmptySecrets()
    {
        _api.Answer(HttpMethod.Put, ApiRoutes.ShopPayments(ShopId), FakeApi.Json(HttpStatusCode.OK, Connected with { StripePublishableKey = null, StripeSecretKeySet = false, StripeWebhookSecretSet = false }));
        var page = Render(Connected);

        page.Find("[data-testid=stripe-disconnect]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=stripe-connected]")));
        var sent = JsonSerializer.Deserialize<SaveShopPaymentSettingsRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(("", "", ""), (sent.StripePublishableKey, sent.StripeSecretKey, sent.StripeWebhookSecret));
    }

    [Fact]
    public void Save_Refused_ShowsTheServersSentence()
    {
        const string sentence = "One key is a test key and the other a live key: use both keys of the same mode.";
        _api.Answer(HttpMethod.Put, ApiRoutes.ShopPayments(ShopId), FakeApi.Problem(HttpStatusCode.BadRequest, ProblemCodes.StripeKeysMismatch, sentence));
        var page = Render(Connected);

        page.Find("[data-testid=stripe-secret-key] input, input[data-testid=stripe-secret-key]").Change("sk_live_other");
        page.Find("[data-testid=payments-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal(sentence, page.Find("[data-testid=payments-error]").TextContent.Trim()));
    }

    [Fact]
    public void BankTransfer_On_ShowsInstructionsAndDays()
    {
        var page = Render(Connected with { BankTransfer = true, BankTransferInstructions = "Bank of Taiwan 123", BankTransferDays = 5 });

        Assert.Contains("Bank of Taiwan 123", page.Find("[data-testid=bank-transfer-instructions]").OuterHtml, StringComparison.Ordinal);
        Assert.Equal("5", Input(page, "bank-transfer-days"));
    }

    [Fact]
    public void GiftDays_ShowTheShopsSetting_AndAChangeIsSaved()
    {
        _api.Answer(HttpMethod.Put, ApiRoutes.ShopPayments(ShopId), FakeApi.Json(HttpStatusCode.OK, Connected with { GiftAcceptDays = 3 }));
        var page = Render(Connected with { GiftAcceptDays = 10 });
        Assert.Equal("10", Input(page, "gift-claim-days"));

        page.Find("[data-testid=gift-claim-days] input, input[data-testid=gift-claim-days]").Change("3");
        page.Find("[data-testid=payments-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Method == HttpMethod.Put));
        var sent = JsonSerializer.Deserialize<SaveShopPaymentSettingsRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(3, sent.GiftAcceptDays);
    }
}
