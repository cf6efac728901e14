using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>
/// "Did my attempt go through?": a page whose order attempt got no answer asks by the attempt's key.
/// The answer is the buyer's own order or 404, and asking never places an order.
/// </summary>
public class OrderByKeyTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0]; // NT$690

    private static async Task<HttpResponseMessage> AskAsync(HttpClient http, string? key)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.OrderByKey);
        if (key is not null)
        {
            message.Headers.Add(ApiRoutes.IdempotencyKeyHeader, key);
        }

        return await http.SendAsync(message);
    }

    [Fact]
    public async Task AskByKey_TheBuyersOwnOrder_Or404_AndAskingPlacesNothing()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Did it go through?");
        var buyer = await factory.GuestAsync("Asking Buyer");
        var key = Guid.NewGuid().ToString();
        var placed = await (await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 690m), key)).Content.ReadFromJsonAsync<OrderDto>();

        var found = await AskAsync(buyer.Http, key);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(placed!.Id, (await found.Content.ReadFromJsonAsync<OrderDto>())!.Id);

        var unused = Guid.NewGuid().ToString();
        var missing = await AskAsync(buyer.Http, unused);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(ProblemCodes.OrderNotFound, (await Problem.ReadAsync(missing)).Code);
        Assert.Single(await buyer.Http.MyOrdersAsync());

        // Another buyer's key is not theirs to ask about.
        var other = await factory.GuestAsync("Other Buyer");
        Assert.Equal(HttpStatusCode.NotFound, (await AskAsync(other.Http, key)).StatusCode);

        var noKey = await AskAsync(buyer.Http, null);
        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Equal(ProblemCodes.IdempotencyKeyMissing, (await Problem.ReadAsync(noKey)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AskAsync(factory.NewBrowser(), key)).StatusCode);
    }
}
