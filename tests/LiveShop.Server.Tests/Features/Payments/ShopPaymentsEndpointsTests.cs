using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Payments;

/// <summary>
/// A shop's payment settings: its owners and managers connect Stripe and choose cash on delivery and bank transfer.
/// Secrets go in and never come back out; bad settings are refused with a reason and change nothing.
/// </summary>
public class ShopPaymentsEndpointsTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static SaveShopPaymentSettingsRequest Connect(string mode = "test", string? secret = null, string? webhook = null) =>
        new($"pk_{mode}_abc123", secret ?? $"sk_{mode}_secret456", webhook ?? "whsec_signing789", true, true, "Bank of Taiwan, account 123-456-789, name Formosa Tea.", 3);

    private async Task<(SignedIn Owner, Guid ShopId, string Slug)> NewShopAsync()
    {
        var (seller, shop) = await factory.RegisterSellerAsync("Payments Shop " + Guid.NewGuid().ToString("N")[..6]);
        return (seller, shop.Id, shop.Slug);
    }

    [Fact]
    public async Task TheOwnerConnectsStripe_TheSecretsAreStoredProtected_AndNeverSentBack()
    {
        var (owner, shopId, slug) = await NewShopAsync();

        var saved = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shopId), Connect());
        var body = await saved.Content.ReadAsStringAsync();
        var read = await owner.Http.GetStringAsync(ApiRoutes.ShopPayments(shopId));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        foreach (var text in new[] { body, read })
        {
            Assert.DoesNotContain("sk_test_secret456", text, StringComparison.Ordinal);
            Assert.DoesNotContain("whsec_signing789", text, StringComparison.Ordinal);
        }

        var settings = (await owner.Http.GetFromJsonAsync<ShopPaymentSettingsDto>(ApiRoutes.ShopPayments(shopId)))!;
        Assert.Equal(("pk_test_abc123", true, true), (settings.StripePublishableKey, settings.StripeSecretKeySet, settings.StripeWebhookSecretSet));
        Assert.Equal(new Uri(factory.BaseAddress, ApiRoutes.StripeWebhook(slug)).ToString(), settings.StripeWebhookUrl);
        Assert.True(settings.BankTransfer);
        var stored = await factory.ReadAsync(db => db.ShopPaymentSettings.AsNoTracking().SingleAsync(s => s.ShopId == shopId));
        Assert.DoesNotContain("secret456", stored.StripeSecretKeyProtected!, StringComparison.Ordinal);
        Assert.DoesNotContain("signing789", stored.StripeWebhookSecretProtected!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullKeepsASecret_AndEmptyRemovesIt()
    {
        var (owner, shopId, _) = await NewShopAsync();
        await owner.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shopId), Connect());

        var kept = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shopId), Connect() with { StripeSecretKey = null, StripeWebhookSecret = null, BankTransferDays = 5 });
        var afterKeep = (await kept.Content.ReadFromJsonAsync<ShopPaymentSettingsDto>())!;
        Assert.Equal((true, true, 5), (afterKeep.StripeSecretKeySet, afterKeep.StripeWebhookSecretSet, afterKeep.BankTransferDays));

        var removed = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shopId), Connect() with { StripePublishableKey = "", StripeSecretKey = "", StripeWebhookSecret = "" });
        var afterRemove = (await removed.Content.ReadFromJsonAsync<ShopPaymentSettingsDto>())!;
        Assert.Equal((null, false, false), (afterRemove.StripePublishableKey, afterRemove.StripeSecretKeySet, afterRemove.StripeWebhookSecretSet));
    }

    [Theory]
    [InlineData("live", "sk_test_secret456", null, ProblemCodes.StripeKeysMismatch)]
    [InlineData("test", "pk_test_wrongKind", null, ProblemCodes.StripeKeyInvalid)]
    [InlineData("test", null, "sk_test_notAWebhookSecret", ProblemCodes.StripeKeyInvalid)]
    [InlineData("test", "rk_live_restricted1", null, ProblemCodes.StripeKeysMismatch)]
    public async Task WrongKeys_AreRefused_AndNothingChanges(string mode, string? secret, string? webhook, string code)
    {
        var (owner, shopId, _) = await NewShopAsync();
        await owner.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shopId), Connect() with { CashOnDelivery = false });
        var before = await owner.Http.GetStringAsync(ApiRoutes.ShopPayments(shopId));

        var response = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shopId), Connect(mode, secret, webhook) with { CashOnDelivery = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(before, await owner.Http.GetStringAsync(ApiRoutes.ShopPayments(shopId)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public async Task TransferDaysOutsideOneToThirty_AreRefused(int days)
    {
        var (owner, shopId, _) = await NewShopAsync();

        var response = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shopId), Connect() with { BankTransferDays = days });

        Assert.Equal(ProblemCodes.PaymentSettingsInvalid, (await Problem.ReadAsync(response)).Code);
        Assert.False((await owner.Http.GetFromJsonAsync<ShopPaymentSettingsDto>(ApiRoutes.ShopPayments(shopId)))!.StripeSecretKeySet);
    }

    [Fact]
    public async Task InstructionsTooLong_AreRefused()
    {
        var (owner, shopId, _) = await NewShopAsync();

        var response = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shopId), Connect() with { BankTransferInstructions = new string('x', Limits.BankTransferInstructionsMaxLength + 1) });

        Assert.Equal(ProblemCodes.PaymentSettingsInvalid, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task AHost_IsRefused403_AndAnotherShopsOwner_Finds404()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var (stranger, _, _) = await NewShopAsync();

        var asHost = await host.Http.GetAsync(ApiRoutes.ShopPayments(DemoSeeder.DemoShopId));
        var hostSaves = await host.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(DemoSeeder.DemoShopId), Connect());
        var asStranger = await stranger.Http.GetAsync(ApiRoutes.ShopPayments(DemoSeeder.DemoShopId));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (asHost.StatusCode, hostSaves.StatusCode));
        Assert.Equal(ProblemCodes.ShopRoleTooLow, (await Problem.ReadAsync(asHost)).Code);
        Assert.Equal(HttpStatusCode.NotFound, asStranger.StatusCode);
        Assert.Equal(ProblemCodes.ShopNotFound, (await Problem.ReadAsync(asStranger)).Code);
        Assert.False(await factory.ReadAsync(db => db.ShopPaymentSettings.AnyAsync(s => s.ShopId == DemoSeeder.DemoShopId && s.StripeSecretKeyProtected != null)));
    }
}
