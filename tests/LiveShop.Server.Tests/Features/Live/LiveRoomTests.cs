using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Live;

public class LiveRoomTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];
    private static readonly Guid Oolong = LiveRoom.Lineup[1];
    private static readonly Guid Teapot = LiveRoom.Lineup[2];
    private static readonly Guid Boba = LiveRoom.Lineup[3];

    private async Task<RoomSnapshot> SnapshotAsync(Guid showId)
    {
        await using var connection = await factory.ConnectAsync();
        return (await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), showId, null)).Snapshot!;
    }

    private static async Task AssertRefusedAsync(Func<Task> call, string code)
    {
        var refusal = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains($"[{code}]", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinsAndFlashSale_ReachEveryViewerInTheSameOrder()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var guest = await factory.GuestAsync("Guest Lin");
        await using var signedIn = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        await using var asGuest = await RoomWatcher.JoinAsync(factory, room.Show, guest.Cookies);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);

        await room.PinAsync(Oolong);
        await room.PinAsync(Jade);
        await room.UnpinAsync(Oolong);
        var sale = await room.StartSaleAsync(Jade, 590m, seconds: 300, quantity: 20, perBuyer: 2);

        foreach (var watcher in new[] { signedIn, asGuest, anonymous })
        {
            await watcher.WaitForSequenceAsync(sale.Sequence);
            var received = watcher.Frames.SelectMany(f => f).Select(e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range((int)received[0], received.Count).Select(i => (long)i), received);
            Assert.Equal([Jade], watcher.State.Pinned);
            var running = watcher.State.Sales[Jade];
            Assert.Equal(590m, running.Price);
            Assert.Equal(690m, running.ListPrice);
            Assert.Equal(20, running.Remaining);
            Assert.Equal(sale.Sale.EndsAt, running.EndsAt);
        }
    }

    [Fact]
    public async Task Pins_KeepPinOrderAndRefuseAFourth()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await room.PinAsync(Teapot);
        await room.PinAsync(Jade);
        var third = await room.PinAsync(Oolong);

        await AssertRefusedAsync(() => room.PinAsync(Boba), ProblemCodes.PinLimitReached);

        Assert.Equal([Teapot, Jade, Oolong], third.Pinned);
        var snapshot = await SnapshotAsync(room.Show.Id);
        Assert.Equal([Teapot, Jade, Oolong], snapshot.Pinned);
        Assert.Equal(third.Sequence, snapshot.LastSequence);
    }

    [Fact]
    public async Task Pin_Refusals_ChangeNothing()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await room.PinAsync(Jade);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var otherHost = await factory.RegisterAsync(asHost: true, "Other Host");
        await using var viewerConnection = await factory.ConnectAsync(viewer.Cookies);
        await using var otherHostConnection = await factory.ConnectAsync(otherHost.Cookies);
        await using var anonymousConnection = await factory.ConnectAsync();
        var before = await SnapshotAsync(room.Show.Id);

        await AssertRefusedAsync(() => room.PinAsync(Jade), ProblemCodes.AlreadyPinned);
        await AssertRefusedAsync(() => room.UnpinAsync(Oolong), ProblemCodes.NotPinned);
        await AssertRefusedAsync(() => room.PinAsync(DemoSeeder.ProductId(4)), ProblemCodes.ProductNotInLineup);
        await AssertRefusedAsync(() => room.PinAsync(Guid.NewGuid()), ProblemCodes.ProductNotInLineup);
        await AssertRefusedAsync(() => viewerConnection.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), room.Show.Id, Oolong), ProblemCodes.Forbidden);
        await AssertRefusedAsync(() => otherHostConnection.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), room.Show.Id, Oolong), ProblemCodes.NotShowHost);
        await AssertRefusedAsync(() => anonymousConnection.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.UnpinProduct), room.Show.Id, Jade), ProblemCodes.NotSignedIn);
        await AssertRefusedAsync(() => room.HostRoom.Connection.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), Guid.NewGuid(), Jade), ProblemCodes.ShowNotFound);

        var after = await SnapshotAsync(room.Show.Id);
        Assert.Equal(before.Pinned, after.Pinned);
        Assert.Equal(before.LastSequence, after.LastSequence);
    }

    [Theory]
    [InlineData(690, 60, 10, 1, "flash-price-invalid")]
    [InlineData(700, 60, 10, 1, "flash-price-invalid")]
    [InlineData(0, 60, 10, 1, "flash-price-invalid")]
    [InlineData(-5, 60, 10, 1, "flash-price-invalid")]
    [InlineData(590.555, 60, 10, 1, "flash-price-invalid")]
    [InlineData(590, 9, 10, 1, "flash-duration-invalid")]
    [InlineData(590, 3601, 10, 1, "flash-duration-invalid")]
    [InlineData(590, 60, 0, 1, "flash-quantity-invalid")]
    [InlineData(590, 60, 41, 1, "flash-quantity-invalid")]
    [InlineData(590, 60, 10, 0, "flash-quantity-invalid")]
    [InlineData(590, 60, 10, 11, "flash-quantity-invalid")]
    public async Task StartFlashSale_BadInput_RefusedWithReasonAndNothingChanged(double price, int seconds, int quantity, int perBuyer, string code)
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var before = await SnapshotAsync(room.Show.Id);

        await AssertRefusedAsync(() => room.StartSaleAsync(Jade, (decimal)price, seconds, quantity, perBuyer), code);

        var after = await SnapshotAsync(room.Show.Id);
        Assert.Empty(after.ActiveSales);
        Assert.Equal(before.LastSequence, after.LastSequence);
    }

    [Fact]
    public async Task StartFlashSale_BoundaryValues_Accepted()
    {
        await using var room = await LiveRoom.StartAsync(factory);

        var shortest = await room.StartSaleAsync(Jade, 689m, seconds: 10, quantity: 40, perBuyer: 40);
        var longest = await room.StartSaleAsync(Oolong, 0.01m, seconds: 3600, quantity: 1, perBuyer: 1);

        Assert.Equal(TimeSpan.FromSeconds(10), shortest.Sale.EndsAt - shortest.Sale.StartsAt);
        Assert.Equal(TimeSpan.FromHours(1), longest.Sale.EndsAt - longest.Sale.StartsAt);
    }

    [Fact]
    public async Task StartFlashSale_SecondOnSameProduct_RefusedUntilTheFirstEnds()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var first = await room.StartSaleAsync(Jade, 590m);

        await AssertRefusedAsync(() => room.StartSaleAsync(Jade, 500m), ProblemCodes.FlashSaleAlreadyRunning);
        var ended = await room.HostRoom.Connection.InvokeAsync<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), room.Show.Id, first.Sale.Id);
        var second = await room.StartSaleAsync(Jade, 500m);

        Assert.Equal(FlashSaleEndReason.EndedByHost, ended.Reason);
        Assert.Equal(500m, second.Sale.Price);
        await AssertRefusedAsync(() => room.HostRoom.Connection.InvokeAsync<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), room.Show.Id, first.Sale.Id), ProblemCodes.FlashSaleEnded);
        await AssertRefusedAsync(() => room.HostRoom.Connection.InvokeAsync<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), room.Show.Id, Guid.NewGuid()), ProblemCodes.FlashSaleNotFound);
    }

    [Fact]
    public async Task StartFlashSale_BeforeGoingLive_Refused()
    {
        await using var room = await LiveRoom.StartAsync(factory, goLive: false);

        await AssertRefusedAsync(() => room.StartSaleAsync(Jade, 590m), ProblemCodes.ShowNotLive);
    }

    [Fact]
    public async Task StartFlashSale_Viewer_Refused()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var connection = await factory.ConnectAsync(viewer.Cookies);

        await AssertRefusedAsync(
            () => connection.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), room.Show.Id, new StartFlashSaleRequest(Jade, 500m, 60, 5, 1)),
            ProblemCodes.Forbidden);
        Assert.Empty((await SnapshotAsync(room.Show.Id)).ActiveSales);
    }

    [Fact]
    public async Task EndShow_EndsRunningFlashSalesForEveryone()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        await room.StartSaleAsync(Jade, 590m);

        await room.HostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), room.Show.Id);

        var ended = await viewer.NextAsync<FlashSaleEndedEvent>();
        Assert.Equal(FlashSaleEndReason.ShowEnded, ended.Reason);
        Assert.Empty(viewer.State.Sales);
        Assert.Equal(ShowStatus.Ended, viewer.State.Status);
    }

    [Fact]
    public async Task Chat_ReachesEveryoneWithNameAndRole_TextUntouched()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var guest = await factory.GuestAsync("Ah-Mei");
        await using var guestRoom = await RoomWatcher.JoinAsync(factory, room.Show, guest.Cookies);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);
        var clientId = Guid.NewGuid();

        var sent = await room.ChatAsync(guestRoom.Connection, "  <b>Is the teapot</b> & cup 180 ml?  ", clientId);
        var reply = await room.ChatAsync("Yes, 180 ml!");

        await anonymous.WaitForSequenceAsync(reply.Sequence);
        Assert.Equal(["<b>Is the teapot</b> & cup 180 ml?", "Yes, 180 ml!"], anonymous.State.Chat.Select(m => m.Text));
        Assert.Equal(("Ah-Mei", ChatAuthorRole.Guest, clientId), (sent.Message.AuthorName, sent.Message.AuthorRole, sent.Message.ClientMessageId));
        Assert.Equal(("Mei Lin", ChatAuthorRole.Host), (reply.Message.AuthorName, reply.Message.AuthorRole));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task Chat_Empty_Refused(string text)
    {
        await using var room = await LiveRoom.StartAsync(factory);

        await AssertRefusedAsync(() => room.ChatAsync(text), ProblemCodes.ChatEmpty);
    }

    [Fact]
    public async Task Chat_Over300Characters_RefusedAnd300Accepted()
    {
        await using var room = await LiveRoom.StartAsync(factory);

        await AssertRefusedAsync(() => room.ChatAsync(new string('a', 301)), ProblemCodes.ChatTooLong);
        var accepted = await room.ChatAsync(" " + new string('a', 300) + " ");

        Assert.Equal(300, accepted.Message.Text.Length);
        Assert.Single((await SnapshotAsync(room.Show.Id)).RecentChat);
    }

    [Fact]
    public async Task Chat_Anonymous_RefusedAsNotSignedIn()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);

        await AssertRefusedAsync(() => room.ChatAsync(anonymous.Connection, "hello"), ProblemCodes.NotSignedIn);
        Assert.Empty((await SnapshotAsync(room.Show.Id)).RecentChat);
    }

    [Fact]
    public async Task Chat_EndedShow_Refused()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await room.HostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), room.Show.Id);

        await AssertRefusedAsync(() => room.ChatAsync("still here?"), ProblemCodes.ShowEnded);
    }

    [Fact]
    public async Task Chat_Storm_IsCoalescedIntoFewerFramesInOrder()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var guests = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => factory.GuestAsync($"Fan {i}")));
        var connections = await Task.WhenAll(guests.Select(g => factory.ConnectAsync(g.Cookies)));
        try
        {
            var sent = await Task.WhenAll(connections.SelectMany(c => new[] { room.ChatAsync(c, "wow"), room.ChatAsync(c, "want one") }));

            await viewer.WaitForSequenceAsync(sent.Max(e => e.Sequence));
            var chatFrames = viewer.Frames.Where(f => f.Any(e => e is ChatPostedEvent)).ToList();
            var chatEvents = chatFrames.SelectMany(f => f).OfType<ChatPostedEvent>().ToList();
            Assert.Equal(20, chatEvents.Count);
            Assert.True(chatFrames.Count < chatEvents.Count, $"20 messages arrived in {chatFrames.Count} frames: the fan-out did not coalesce.");
            Assert.Equal(chatEvents.Select(e => e.Sequence).Order(), chatEvents.Select(e => e.Sequence));
            Assert.Equal(20, viewer.State.Chat.Count);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Reconnect_AfterMissingEvents_AppliesEachExactlyOnce()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var phone = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        await room.PinAsync(Jade);
        var seen = await room.ChatAsync("before the tunnel");
        await phone.WaitForSequenceAsync(seen.Sequence);
        var state = phone.State;

        // The phone drops off the network; the room goes on without it.
        await phone.DisposeAsync();
        await room.PinAsync(Oolong);
        await room.ChatAsync("missed one");
        var sale = await room.StartSaleAsync(Oolong, 790m);
        await room.UnpinAsync(Jade);
        var last = await room.ChatAsync("missed three");

        // Back online: a new connection rejoins with the last sequence it applied.
        await using var back = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies, state);
        var join = back.LastJoin!;

        Assert.Null(join.Snapshot);
        Assert.Equal(Enumerable.Range((int)seen.Sequence + 1, 5).Select(i => (long)i), join.Missed.Select(e => e.Sequence));
        Assert.Equal(last.Sequence, state.LastSequence);
        Assert.Equal(["before the tunnel", "missed one", "missed three"], state.Chat.Select(m => m.Text));
        Assert.Equal([Oolong], state.Pinned);
        Assert.Equal(sale.Sale.Id, state.Sales[Oolong].Id);

        // The same events again (a duplicate frame) change nothing.
        Assert.False(state.ApplyEvents(join.Missed));
        Assert.Equal(3, state.Chat.Count);

        // And it follows the room live again.
        var after = await room.ChatAsync("welcome back");
        await back.WaitForSequenceAsync(after.Sequence);
        Assert.Equal(4, state.Chat.Count);
    }

    [Fact]
    public async Task Reconnect_WithSequenceAheadOfServer_GetsSnapshot()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await room.PinAsync(Jade);
        await using var connection = await factory.ConnectAsync();

        var join = await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, 9_999L);

        Assert.NotNull(join.Snapshot);
        Assert.Equal([Jade], join.Snapshot.Pinned);
    }

    [Fact]
    public async Task Presence_ViewersCountedAndPushedWithinASecondOrTwo()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        // Two browsers that loaded the page (a bare connection that never did is not a viewer: see RoomFloodTests).
        await using var first = await RoomWatcher.JoinAsync(factory, room.Show, Visitors.NewCookies(factory));
        await using var second = await RoomWatcher.JoinAsync(factory, room.Show, Visitors.NewCookies(factory));

        var stats = await room.HostRoom.StatsAsync(s => s.ViewersNow == 3);

        Assert.Equal(3, stats.PeakViewers);
        await second.DisposeAsync();
        var fewer = await room.HostRoom.StatsAsync(s => s.ViewersNow == 2);
        Assert.Equal(3, fewer.PeakViewers);
    }

    [Fact]
    public async Task Reactions_CountedTogetherAndRateLimitedPerConnection()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);

        for (var i = 0; i < 30; i++)
        {
            await viewer.Connection.InvokeAsync(nameof(ILiveShowHub.React), room.Show.Id);
        }

        var reactions = await room.HostRoom.NextAsync<ReactionsEvent>();
        Assert.InRange(reactions.Added, Limits.ReactionsPerSecond, Limits.ReactionsPerSecond + 3);
        Assert.Equal(reactions.Added, reactions.Total);
        Assert.Equal(reactions.Total, room.HostRoom.State.ReactionTotal);
    }

    [Fact]
    public async Task React_WithoutJoining_Refused()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var stranger = await factory.ConnectAsync();

        await AssertRefusedAsync(() => stranger.InvokeAsync(nameof(ILiveShowHub.React), room.Show.Id), ProblemCodes.ShowNotFound);
    }
}
