using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Live;

/// <summary>Fresh guests cannot flood a show: they wait before speaking, and all of them share one budget per show.</summary>
public sealed class GuestChatLimitTests(GuestChatLimitsFactory factory) : IClassFixture<GuestChatLimitsFactory>
{
    [Fact]
    public async Task GuestChat_BeforeTwoSecondsInTheRoom_RefusedWithTheWait_ThenPosted()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var guest = await factory.GuestAsync("Newcomer");
        await using var watcher = await RoomWatcher.JoinAsync(factory, room.Show, guest.Cookies);

        var refusal = await Assert.ThrowsAsync<HubException>(() => room.ChatAsync(watcher.Connection, "first!"));
        Assert.Contains($"[{ProblemCodes.RateLimited}]", refusal.Message, StringComparison.Ordinal);
        Assert.Matches(@"Try again in [12] seconds?\.", refusal.Message);

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        var posted = await room.ChatAsync(watcher.Connection, "first!");
        Assert.Equal("first!", posted.Message.Text);
    }

    [Fact]
    public async Task GuestChat_WithoutJoining_Refused()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var guest = await factory.GuestAsync("Drive-by");
        await using var connection = await factory.ConnectAsync(guest.Cookies);
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        var refusal = await Assert.ThrowsAsync<HubException>(() => room.ChatAsync(connection, "hello from nowhere"));

        Assert.Contains($"[{ProblemCodes.RateLimited}]", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotatingFreshGuests_ThirtyLinesAndQuestions_OnlyTheShowsGuestBudgetGoesThrough()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var guests = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => factory.GuestAsync($"Bot {i}")));
        var watchers = await Task.WhenAll(guests.Select(g => RoomWatcher.JoinAsync(factory, room.Show, g.Cookies)));
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        var lines = await Task.WhenAll(watchers.Select((w, i) => OutcomeAsync(() => room.ChatAsync(w.Connection, $"buy my stuff {i}"))));
        var questions = await Task.WhenAll(watchers.Select((w, i) => OutcomeAsync(() =>
            w.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AskQuestion), room.Show.Id, new AskQuestionRequest($"Question {i}?")))));

        Assert.Equal(10, lines.Count(o => o is null));
        Assert.All(lines.Where(o => o is not null), o => Assert.Contains($"[{ProblemCodes.RateLimited}]", o, StringComparison.Ordinal));
        Assert.Equal(5, questions.Count(o => o is null));
        Assert.All(questions.Where(o => o is not null), o => Assert.Contains($"[{ProblemCodes.RateLimited}]", o, StringComparison.Ordinal));

        // The budget is the guests': an account and the host still speak.
        var viewer = await factory.RegisterAsync(asHost: false, "Regular");
        await using var regular = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        Assert.NotNull(await room.ChatAsync(regular.Connection, "I have an account"));
        Assert.NotNull(await room.ChatAsync("Welcome!"));
        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync();
        }
    }

    /// <summary>Null when the call went through, else the refusal's message.</summary>
    internal static async Task<string?> OutcomeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (HubException e)
        {
            return e.Message;
        }
    }
}

/// <summary>One address has one budget per show for lines and questions, and one for hearts, however many accounts and connections it uses.</summary>
public sealed class AddressChatLimitTests(AddressLimitsFactory factory) : IClassFixture<AddressLimitsFactory>
{
    [Fact]
    public async Task ChatAndQuestions_SeveralAccountsOneAddress_SharedBudgetOfFive()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var first = await factory.RegisterAsync(asHost: false, "Sock one");
        var second = await factory.RegisterAsync(asHost: false, "Sock two");
        await using var one = await RoomWatcher.JoinAsync(factory, room.Show, first.Cookies);
        await using var two = await RoomWatcher.JoinAsync(factory, room.Show, second.Cookies);

        var outcomes = new List<string?>();
        foreach (var connection in new[] { one.Connection, two.Connection })
        {
            outcomes.Add(await GuestChatLimitTests.OutcomeAsync(() => room.ChatAsync(connection, "line")));
            outcomes.Add(await GuestChatLimitTests.OutcomeAsync(() => room.ChatAsync(connection, "another")));
            outcomes.Add(await GuestChatLimitTests.OutcomeAsync(() =>
                connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AskQuestion), room.Show.Id, new AskQuestionRequest("Does it ship?"))));
        }

        Assert.Equal(5, outcomes.Count(o => o is null));
        Assert.Contains($"[{ProblemCodes.RateLimited}]", outcomes[^1], StringComparison.Ordinal);
        Assert.Contains("Try again in", outcomes[^1], StringComparison.Ordinal);
        Assert.NotNull(await room.ChatAsync("Staff are exempt"));
    }

    [Fact]
    public async Task Hearts_FiveConnectionsOneAddress_OnlyTheAddressBudgetCounts()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var viewers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RoomWatcher.JoinAsync(factory, room.Show, Visitors.NewCookies(factory))));

        foreach (var viewer in viewers)
        {
            for (var i = 0; i < 10; i++)
            {
                await viewer.Connection.InvokeAsync(nameof(ILiveShowHub.React), room.Show.Id);
            }
        }

        await room.HostRoom.NextAsync<ReactionsEvent>(r => r.Total >= 10);
        await Task.Delay(RoomStatsPublisher.Interval * 3);
        var total = await factory.ReadAsync(db => Task.FromResult(db.Shows.Single(s => s.Id == room.Show.Id).ReactionTotal));
        Assert.Equal(10, total);
        foreach (var viewer in viewers)
        {
            await viewer.DisposeAsync();
        }
    }
}
