using System.Diagnostics;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.LoadTests;

/// <summary>
/// <c>baseline-server --port P</c>: the plain SignalR way to run a chat, for comparison. Same route,
/// same method names and the same payload shape as LiveShop (so the viewers are the same code), but
/// every message goes out with one <c>Clients.Group(g).SendAsync</c> of its own: no coalescing, no
/// storage, no auth. Stops with its parent process or after <c>--max-minutes</c>.
/// </summary>
public static class BaselineServer
{
    public const string ReadyPath = "/ready";

    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024);
        var app = builder.Build();
        app.MapGet(ReadyPath, () => Results.Ok());
        app.MapHub<BaselineHub>(HubRoutes.Live);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = WatchParentAsync(options.ParentPid, stop);
        await app.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Parent gone, time limit, or SIGTERM (the host's own lifetime handles that too).
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static async Task WatchParentAsync(int parentPid, CancellationTokenSource stop)
    {
        if (parentPid == 0)
        {
            return;
        }

        var lifetime = TimeSpan.FromDays(1);
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested && clock.Elapsed < lifetime)
        {
            if (!Directory.Exists($"/proc/{parentPid}"))
            {
                await stop.CancelAsync();
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>
/// The plain hub: JoinShow adds to the group; SendChat, PinProduct, UnpinProduct, StartFlashSale and
/// EndFlashSale each send their event to the group at once, one <c>Clients.Group(g).SendAsync</c> per
/// event, in LiveShop's wire shape (a <see cref="RoomFrame"/> of one event, numbered per process) so the
/// same viewers read both. Nothing is stored or checked.
/// </summary>
public sealed class BaselineHub : Hub
{
    private static readonly Guid HostId = Guid.NewGuid();
    private static long _sequence;

    public async Task<JoinResult> JoinShow(Guid showId, long? afterSequence)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(showId), Context.ConnectionAborted);
        var now = DateTimeOffset.UtcNow;
        return new JoinResult(showId, now, null, [], new RoomStats(showId, 0, 0, 0, 0, now));
    }

    public async Task<SendChatResult> SendChat(Guid showId, SendChatRequest request)
    {
        var now = DateTimeOffset.UtcNow;
        var message = new ChatMessageDto(Guid.CreateVersion7(), HostId, "Load host", ChatAuthorRole.Host, request.Text, now, request.ClientMessageId);
        var posted = new ChatPostedEvent(Interlocked.Increment(ref _sequence), now, message);
        await SendAsync(showId, posted);
        return new SendChatResult(posted, null);
    }

    public Task<PinsChangedEvent> PinProduct(Guid showId, Guid productId) =>
        SendAsync(showId, new PinsChangedEvent(Interlocked.Increment(ref _sequence), DateTimeOffset.UtcNow, productId, true, [productId]));

    public Task<PinsChangedEvent> UnpinProduct(Guid showId, Guid productId) =>
        SendAsync(showId, new PinsChangedEvent(Interlocked.Increment(ref _sequence), DateTimeOffset.UtcNow, productId, false, []));

    public Task<FlashSaleStartedEvent> StartFlashSale(Guid showId, StartFlashSaleRequest request)
    {
        var now = DateTimeOffset.UtcNow;
        var sale = new FlashSaleDto(Guid.CreateVersion7(), request.ProductId, request.Price, request.Price, "TWD", now, now.AddSeconds(request.DurationSeconds), request.QuantityCap, request.PerBuyerCap, 0, request.VariantIds);
        return SendAsync(showId, new FlashSaleStartedEvent(Interlocked.Increment(ref _sequence), now, sale));
    }

    public Task<FlashSaleEndedEvent> EndFlashSale(Guid showId, Guid saleId) =>
        SendAsync(showId, new FlashSaleEndedEvent(Interlocked.Increment(ref _sequence), DateTimeOffset.UtcNow, saleId, Guid.Empty, FlashSaleEndReason.EndedByHost, 0));

    private async Task<T> SendAsync<T>(Guid showId, T roomEvent)
        where T : RoomEvent
    {
        await Clients.Group(Group(showId)).SendAsync(nameof(ILiveShowClient.RoomEvents), showId, new RoomFrame(roomEvent.Sequence - 1, roomEvent.Sequence, [roomEvent]));
        return roomEvent;
    }

    private static string Group(Guid showId) => $"show:{showId:N}";
}
