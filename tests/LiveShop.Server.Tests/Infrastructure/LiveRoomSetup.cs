using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>A live show with its host in the room: the starting point of most live-room tests.</summary>
public sealed record LiveRoom(SignedIn Host, ShowDetailDto Show, RoomWatcher HostRoom) : IAsyncDisposable
{
    /// <summary>Jade roller (NT$690, 40 in stock), oolong (NT$890, 60), teapot (NT$1,980, 12), boba kit (NT$590, 80) — in that lineup order.</summary>
    public static readonly Guid[] Lineup = [DemoSeeder.ProductId(1), DemoSeeder.ProductId(2), DemoSeeder.ProductId(3), DemoSeeder.ProductId(6)];

    /// <param name="lineup">The show's lineup; <see cref="Lineup"/> when null.</param>
    public static async Task<LiveRoom> StartAsync(LiveShopFactory factory, string title = "Live room test", bool goLive = true, Guid[]? lineup = null)
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request(title, lineup ?? Lineup));
        response.EnsureSuccessStatusCode();
        var show = (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        var hostRoom = await RoomWatcher.JoinAsync(factory, show, host.Cookies);
        if (goLive)
        {
            await hostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);
        }

        return new LiveRoom(host, show, hostRoom);
    }

    /// <summary>A live show of a seller's own shop (in euros), its owner in the room.</summary>
    public static async Task<LiveRoom> StartForSellerAsync(LiveShopFactory factory, SignedIn seller, Guid shopId, string title, params Guid[] lineup)
    {
        var request = ShowBuilder.Request(title, lineup) with { Currency = Currencies.Eur, ShopId = shopId };
        var response = await seller.Http.PostAsJsonAsync(ApiRoutes.Shows, request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var show = (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        var room = await RoomWatcher.JoinAsync(factory, show, seller.Cookies);
        await room.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);
        return new LiveRoom(seller, show, room);
    }

    /// <summary>Adds a product (euros, 50 in stock) to a seller's catalog.</summary>
    public static async Task<Guid> AddProductAsync(SignedIn seller, Guid shopId, string name, decimal price)
    {
        var response = await seller.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(shopId), new SaveProductRequest("SKU-" + Guid.NewGuid().ToString("N")[..8], name, "", price, null, Currencies.Eur, 0, 50));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ShopProductDto>())!.Id;
    }

    public Task<PinsChangedEvent> PinAsync(Guid productId) =>
        HostRoom.Connection.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), Show.Id, productId);

    public Task<PinsChangedEvent> UnpinAsync(Guid productId) =>
        HostRoom.Connection.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.UnpinProduct), Show.Id, productId);

    /// <param name="variants">The variants the flash price is for (null: all, or a product without variants).</param>
    public Task<FlashSaleStartedEvent> StartSaleAsync(Guid productId, decimal price, int seconds = 120, int quantity = 10, int perBuyer = 1, IReadOnlyList<Guid>? variants = null) =>
        HostRoom.Connection.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), Show.Id, new StartFlashSaleRequest(productId, price, seconds, quantity, perBuyer, variants));

    public Task<ChatPostedEvent> ChatAsync(string text) => ChatAsync(HostRoom.Connection, text);

    public async Task<ChatPostedEvent> ChatAsync(HubConnection connection, string text, Guid? clientMessageId = null) =>
        (await connection.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), Show.Id, new SendChatRequest(text, clientMessageId))).Posted
        ?? throw new InvalidOperationException($"“{text}” was held for review instead of posted.");

    public ValueTask DisposeAsync() => HostRoom.DisposeAsync();
}
