using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Webhooks;

/// <summary>Managing a shop's webhook endpoints: who may, what is refused (and changes nothing), the secret shown once.</summary>
public class WebhookEndpointsTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid ShopA = DemoSeeder.DemoShopId;

    [Fact]
    public async Task Create_AnswersTheSecretOnce_ListNeverShowsIt_StoredProtected()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var response = await owner.Http.PostAsJsonAsync(ApiRoutes.ShopWebhooks(ShopA),
            new SaveWebhookEndpointRequest("https://erp.example.com/hooks", "ERP", [WebhookEventTypes.OrderPaid, WebhookEventTypes.OrderPaid, WebhookEventTypes.OrderCreated]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<WebhookSecretDto>())!;
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", created.Secret);
        Assert.Equal([WebhookEventTypes.OrderCreated, WebhookEventTypes.OrderPaid], created.Endpoint.Events);

        var list = await owner.Http.GetStringAsync(ApiRoutes.ShopWebhooks(ShopA));
        Assert.Contains("https://erp.example.com/hooks", list);
        Assert.DoesNotContain(created.Secret, list);

        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LiveShopDbContext>().WebhookEndpoints.SingleAsync(e => e.Id == created.Endpoint.Id);
        Assert.DoesNotContain(created.Secret, stored.SecretProtected);
        Assert.Equal(created.Secret, scope.ServiceProvider.GetRequiredService<WebhookSecrets>().Unprotect(stored.SecretProtected));
    }

    [Fact]
    public async Task WrongRole_403_OtherShop_404_BadInput_400_AndNothingChanges()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var (seller, shopB) = await factory.RegisterSellerAsync();
        var endpoint = (await (await owner.Http.PostAsJsonAsync(ApiRoutes.ShopWebhooks(ShopA),
            new SaveWebhookEndpointRequest("https://wms.example.com/in", null, [WebhookEventTypes.OrderShipped]))).Content.ReadFromJsonAsync<WebhookSecretDto>())!.Endpoint;
        var before = await CountAsync();
        var good = new SaveWebhookEndpointRequest("https://wms.example.com/other", null, [WebhookEventTypes.OrderPaid]);

        // A host of shop A is in the team but may not manage webhooks.
        await AssertRefusedAsync(await host.Http.GetAsync(ApiRoutes.ShopWebhooks(ShopA)), HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow);
        await AssertRefusedAsync(await host.Http.PostAsJsonAsync(ApiRoutes.ShopWebhooks(ShopA), good), HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow);
        await AssertRefusedAsync(await host.Http.PostAsync(ApiRoutes.ShopWebhookSecret(ShopA, endpoint.Id), null), HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow);

        // Shop B's owner: A's endpoint through B's address is not found; through A's, not a member.
        await AssertRefusedAsync(await seller.Http.GetAsync(ApiRoutes.ShopWebhookDeliveries(shopB.Id, endpoint.Id)), HttpStatusCode.NotFound, ProblemCodes.WebhookNotFound);
        await AssertRefusedAsync(await seller.Http.DeleteAsync(ApiRoutes.ShopWebhook(shopB.Id, endpoint.Id)), HttpStatusCode.NotFound, ProblemCodes.WebhookNotFound);
        await AssertRefusedAsync(await seller.Http.PostAsync(ApiRoutes.ShopWebhookTest(shopB.Id, endpoint.Id), null), HttpStatusCode.NotFound, ProblemCodes.WebhookNotFound);
        await AssertRefusedAsync(await seller.Http.DeleteAsync(ApiRoutes.ShopWebhook(ShopA, endpoint.Id)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await owner.Http.PostAsync(ApiRoutes.ShopWebhookResend(ShopA, endpoint.Id, Guid.NewGuid()), null), HttpStatusCode.NotFound, ProblemCodes.WebhookDeliveryNotFound);

        // Bad input.
        foreach (var url in new[] { "", "not a url", "ftp://example.com/x", "http://example.com/hooks", "https://user:pw@example.com/x", "https://" + new string('a', 600) + ".com" })
        {
            await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopWebhooks(ShopA), good with { Url = url }), HttpStatusCode.BadRequest, ProblemCodes.WebhookUrlInvalid);
        }

        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopWebhooks(ShopA), good with { Events = [] }), HttpStatusCode.BadRequest, ProblemCodes.WebhookEventsInvalid);
        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopWebhooks(ShopA), good with { Events = ["order.exploded"] }), HttpStatusCode.BadRequest, ProblemCodes.WebhookEventsInvalid);
        await AssertRefusedAsync(await owner.Http.PutAsJsonAsync(ApiRoutes.ShopWebhook(ShopA, endpoint.Id), good with { Url = "http://example.com" }), HttpStatusCode.BadRequest, ProblemCodes.WebhookUrlInvalid);

        Assert.Equal(before, await CountAsync());
        var unchanged = (await owner.Http.GetFromJsonAsync<IReadOnlyList<WebhookEndpointDto>>(ApiRoutes.ShopWebhooks(ShopA)))!.Single(e => e.Id == endpoint.Id);
        Assert.Equal("https://wms.example.com/in", unchanged.Url);
    }

    [Fact]
    public async Task Update_Delete_ChangeWhatIsStored()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var endpoint = (await (await owner.Http.PostAsJsonAsync(ApiRoutes.ShopWebhooks(ShopA),
            new SaveWebhookEndpointRequest("https://a.example.com/", null, [WebhookEventTypes.OrderShipped]))).Content.ReadFromJsonAsync<WebhookSecretDto>())!.Endpoint;

        var updated = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopWebhook(ShopA, endpoint.Id),
            new SaveWebhookEndpointRequest("https://b.example.com/in", "Moved", [WebhookEventTypes.ShowEnded], Active: false));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var dto = (await updated.Content.ReadFromJsonAsync<WebhookEndpointDto>())!;
        Assert.Equal(("https://b.example.com/in", "Moved", false), (dto.Url, dto.Description, dto.Active));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Http.DeleteAsync(ApiRoutes.ShopWebhook(ShopA, endpoint.Id))).StatusCode);
        var list = (await owner.Http.GetFromJsonAsync<IReadOnlyList<WebhookEndpointDto>>(ApiRoutes.ShopWebhooks(ShopA)))!;
        Assert.DoesNotContain(list, e => e.Id == endpoint.Id);
    }

    private async Task<int> CountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiveShopDbContext>().WebhookEndpoints.CountAsync();
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
    }
}
