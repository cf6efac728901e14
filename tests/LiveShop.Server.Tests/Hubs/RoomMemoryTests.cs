using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LiveShop.Server.Tests.Hubs;

/// <summary>Runs alone (no other test allocating meanwhile), because it weighs the whole process's managed heap.</summary>
[CollectionDefinition(nameof(HeapWeighing), DisableParallelization = true)]
public sealed class HeapWeighing;

/// <summary>A flood of unknown show ids and of guests who come and go leaves the server's memory where it was.</summary>
[Collection(nameof(HeapWeighing))]
public sealed class RoomMemoryTests(LiveShopFactory factory, ITestOutputHelper output) : IClassFixture<LiveShopFactory>
{
    /// <summary>
    /// Generous against noise (pools, JIT, caches warmed by the first round) yet far below what the flood left
    /// before (roughly 0.9 KB per unknown join: about 18 MB for these 20,000).
    /// </summary>
    private const long AllowedGrowth = 6 * 1024 * 1024;

    [Fact]
    public async Task Flood_UnknownIdsAndComingAndGoingGuests_HeapReturnsToWhereItStarted()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var guests = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => factory.GuestAsync($"Passer-by {i}")));
        var presence = factory.Services.GetRequiredService<RoomPresence>();

        // Warm-up: one round of everything, so first-use caches are in the baseline.
        await FloodUnknownIdsAsync(2_000);
        await GuestsComeAndGoAsync(room, guests);
        await WaitUntilRoomsSettleAsync(presence, expectedRooms: 1);
        var before = Heap();

        await FloodUnknownIdsAsync(20_000);
        for (var round = 0; round < 3; round++)
        {
            await GuestsComeAndGoAsync(room, guests);
        }

        await WaitUntilRoomsSettleAsync(presence, expectedRooms: 1);
        var after = Heap();
        output.WriteLine($"Managed heap: {before / 1024} KB before, {after / 1024} KB after ({(after - before) / 1024:+#;-#;0} KB).");

        Assert.True(after - before < AllowedGrowth, $"The heap grew by {(after - before) / 1024} KB after the flood (allowed: {AllowedGrowth / 1024} KB).");
    }

    private async Task FloodUnknownIdsAsync(int calls)
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => factory.ConnectAsync()));
        try
        {
            await Task.WhenAll(connections.Select(async connection =>
            {
                for (var i = 0; i < calls / connections.Length; i++)
                {
                    try
                    {
                        await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), Guid.NewGuid(), null);
                    }
                    catch (HubException)
                    {
                        // Refused, as it should be: what matters is what it left behind.
                    }
                }
            }));
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private async Task GuestsComeAndGoAsync(LiveRoom room, IEnumerable<SignedIn> guests)
    {
        var watchers = await Task.WhenAll(guests.Select(g => RoomWatcher.JoinAsync(factory, room.Show, g.Cookies)));
        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync();
        }
    }

    /// <summary>Waits until the guests' leaving has reached presence and the stats loop has settled (the host's room stays).</summary>
    private static async Task WaitUntilRoomsSettleAsync(RoomPresence presence, int expectedRooms)
    {
        for (var i = 0; i < 100 && (presence.RoomCount != expectedRooms || presence.ConnectionCount != 1); i++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(RoomStatsPublisher.Interval * 2);
        Assert.Equal(expectedRooms, presence.RoomCount);
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
