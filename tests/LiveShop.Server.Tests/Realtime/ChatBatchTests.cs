using LiveShop.Server.Features.Live;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// Chat lines are stored in batches (<see cref="ChatWriteQueue"/>), and still: one sequence number each, no
/// gaps, an acknowledgement only once the line is stored, and a refused line refuses only its sender.
/// </summary>
public class ChatBatchTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task SendChat_FiftyGuestsAtOnceAndABannedOne_EachAckStoredUniqueGapFree_TheBanRefusesOnlyItsSender()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Batched chat");
        var guests = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => factory.GuestAsync($"Batch guest {i}")));
        var connections = await Task.WhenAll(guests.Select(g => factory.ConnectAsync(g.Cookies)));
        var banned = await factory.GuestAsync("Banned guest");
        await using var bannedConnection = await GreekConnectionAsync(banned);
        await room.HostRoom.Connection.InvokeAsync<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), room.Show.Id, new RestrictUserRequest(banned.User.Id!.Value, RestrictionKind.Ban, null));
        var queue = factory.Services.GetRequiredService<ChatWriteQueue>();
        var batchesBefore = queue.Batches;
        var before = await factory.LastSequenceAsync(room.Show.Id);

        // All at once, the banned guest's line among them: each sender checks the store the moment its answer comes.
        var sends = connections.Select(async (connection, i) =>
        {
            var clientMessageId = Guid.NewGuid();
            ChatPostedEvent posted;
            try
            {
                posted = await room.ChatAsync(connection, $"batch line {i}", clientMessageId);
            }
            catch (Exception e)
            {
                // Named, so a refusal under a busy machine says which line and why rather than only "failed".
                throw new Xunit.Sdk.XunitException($"“batch line {i}” was refused: {e.Message}");
            }

            var stored = await factory.ReadAsync(db => db.RoomEvents.AnyAsync(e => e.ShowId == room.Show.Id && e.Sequence == posted.Sequence && e.Kind == RoomEventKinds.Chat));
            return (Posted: posted, ClientMessageId: clientMessageId, Text: $"batch line {i}", StoredWhenAcknowledged: stored);
        }).ToList();
        var refusal = Assert.ThrowsAsync<HubException>(() => room.ChatAsync(bannedConnection, "let me back in"));
        var acks = await Task.WhenAll(sends);
        var refused = await refusal;

        Assert.All(acks, a => Assert.True(a.StoredWhenAcknowledged, $"“{a.Text}” was acknowledged as {a.Posted.Sequence} before it was stored."));
        Assert.All(acks, a => Assert.Equal((a.Text, a.ClientMessageId), (a.Posted.Message.Text, a.Posted.Message.ClientMessageId)));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => before + i), acks.Select(a => a.Posted.Sequence).Order());
        Assert.Equal(before + 50, await factory.LastSequenceAsync(room.Show.Id));

        // The banned guest was told why, in the language of their own connection, whoever's batch the line was in.
        const string Greek = "Έχετε αποκλειστεί από τη συνομιλία και τις ερωτήσεις αυτής της εκπομπής.";
        Assert.EndsWith($"[{ProblemCodes.Restricted}] {Greek}", refused.Message, StringComparison.Ordinal);

        // Stored in fewer transactions than lines, and the whole chat reads back in the order of the sequence numbers.
        Assert.True(queue.Batches - batchesBefore < 50, $"50 lines took {queue.Batches - batchesBefore} batches.");
        var page = (await room.Host.Http.GetFromJsonAsync<ChatHistoryPage>(ApiRoutes.ShowChat(room.Show.Id) + "?take=100"))!;
        Assert.Equal(acks.OrderBy(a => a.Posted.Sequence).Select(a => a.Text), page.Lines.Select(l => l.Message.Text));
        Assert.DoesNotContain(page.Lines, l => l.Message.Text == "let me back in");

        // The room heard every line once, in order.
        await room.HostRoom.WaitForSequenceAsync(before + 50);
        var heard = room.HostRoom.Frames.SelectMany(f => f).OfType<ChatPostedEvent>().Select(l => l.Sequence).Where(s => s > before).ToList();
        Assert.Equal(Enumerable.Range(1, 50).Select(i => before + i), heard);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<HubConnection> GreekConnectionAsync(SignedIn who)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.BaseAddress, HubRoutes.Live), options =>
            {
                options.Cookies = who.Cookies;
                options.Headers["Accept-Language"] = "el";
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
