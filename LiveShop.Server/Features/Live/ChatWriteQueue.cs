using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Features.Live;

/// <summary>A chat line waiting to be stored, and what became of it.</summary>
public sealed class PendingChatLine(ClaimsPrincipal caller, Guid userId, string text, Guid? clientMessageId, RoomCaller from, bool fromStaff = false)
{
    /// <summary>Sent from a host's or moderator's connection: stored ahead of viewers' lines that wait.</summary>
    public bool FromStaff { get; } = fromStaff;

    public ClaimsPrincipal Caller { get; } = caller;

    public Guid UserId { get; } = userId;

    public string Text { get; } = text;

    public Guid? ClientMessageId { get; } = clientMessageId;

    public RoomCaller From { get; } = from;

    /// <summary>Why the line, a "+1" keyword, claimed nothing (set before <see cref="Outcome"/> completes); the line itself was posted.</summary>
    public DomainException? ClaimRefusal { get; set; }

    /// <summary>Completes once the line's batch is stored (posted or held), or with the line's own refusal.</summary>
    public TaskCompletionSource<(SendChatResult Result, HeldMessageDto? Held)> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Stores a show's chat lines in small batches: one room change (one lock, one transaction) for all the
/// lines that arrived while the previous batch was being written, at most <see cref="MaxBatch"/>. Lines keep
/// their arrival order and get consecutive sequence numbers; each line is checked on its own (a refused
/// line refuses only its sender), and a sender's answer comes only once its batch is committed
/// ("acknowledged means stored"). Staff lines go in batches of their own, ahead of waiting viewers'
/// lines. A host's pin or flash price waits for at most one batch, not for every line queued before it. One drain loop per show, only while lines wait.
/// </summary>
public sealed partial class ChatWriteQueue(IServiceScopeFactory scopes, ILogger<ChatWriteQueue> logger)
{
    public const int MaxBatch = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ShowQueue> _queues = [];

    /// <summary>Batches stored so far (for tests and diagnostics).</summary>
    internal int Batches;

    public Task<(SendChatResult Result, HeldMessageDto? Held)> EnqueueAsync(Guid showId, PendingChatLine line)
    {
        var start = false;
        lock (_gate)
        {
            if (!_queues.TryGetValue(showId, out var queue))
            {
                _queues[showId] = queue = new ShowQueue();
                start = true;
            }

            (line.FromStaff ? queue.Staff : queue.Others).Enqueue(line);
        }

        if (start)
        {
            _ = Task.Run(() => DrainAsync(showId));
        }

        return line.Outcome.Task;
    }

    private async Task DrainAsync(Guid showId)
    {
        var staffLast = false;
        while (true)
        {
            List<PendingChatLine> batch = [];
            lock (_gate)
            {
                // The host's and moderators' lines first, in a batch of their own: in a storm they are what the
                // room is waiting for, and their answer should not wait for 60 viewers' lines to be checked and stored.
                // Never two staff batches in a row while viewers' lines wait, so a busy desk cannot starve the chat.
                var queue = _queues[showId];
                var from = queue.Staff.Count > 0 && !(staffLast && queue.Others.Count > 0) ? queue.Staff : queue.Others;
                staffLast = from == queue.Staff;
                while (batch.Count < MaxBatch && from.TryDequeue(out var line))
                {
                    batch.Add(line);
                }

                if (batch.Count == 0)
                {
                    _queues.Remove(showId);
                    return;
                }
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Chat>().StoreBatchAsync(showId, batch);
                Interlocked.Increment(ref Batches);
            }
            catch (Exception e)
            {
                // The whole batch failed (no such show, a database fault): every sender hears why; nothing was stored.
                if (e is not DomainException)
                {
                    LogBatchFailed(logger, e, showId, batch.Count);
                }

                foreach (var line in batch)
                {
                    line.Outcome.TrySetException(e);
                }
            }
        }
    }

    private sealed class ShowQueue
    {
        public Queue<PendingChatLine> Staff { get; } = new();

        public Queue<PendingChatLine> Others { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing {Count} chat lines of show {ShowId} failed.")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, Guid showId, int count);
}
