using System.Threading.Channels;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>The staff's blocklist, as pushed (<see cref="ILiveShowClient.BlocklistChanged"/>).</summary>
public sealed record BlocklistPush(Guid ShowId, IReadOnlyList<string> Words);

/// <summary>The active timeouts and bans, as pushed to the staff (<see cref="ILiveShowClient.RestrictionsChanged"/>).</summary>
public sealed record RestrictionsPush(Guid ShowId, IReadOnlyList<RestrictionDto> Restrictions);

/// <summary>
/// Keeps the moderation pushes one connection receives that are not room events (question updates,
/// held messages, restrictions, blocklist, the user's own restriction notice), in arrival order.
/// </summary>
public sealed class ModerationPushes
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<object> _pushes = Channel.CreateUnbounded<object>();
    private readonly List<object> _all = [];

    public ModerationPushes(HubConnection connection)
    {
        connection.On<QuestionDto>(nameof(ILiveShowClient.QuestionUpdated), Record);
        connection.On<HeldMessageDto>(nameof(ILiveShowClient.HeldMessageUpdated), Record);
        connection.On<RestrictionNoticeDto>(nameof(ILiveShowClient.Restricted), Record);
        connection.On<Guid, IReadOnlyList<RestrictionDto>>(nameof(ILiveShowClient.RestrictionsChanged), (showId, list) => Record(new RestrictionsPush(showId, list)));
        connection.On<Guid, IReadOnlyList<string>>(nameof(ILiveShowClient.BlocklistChanged), (showId, words) => Record(new BlocklistPush(showId, words)));
    }

    /// <summary>Every push received so far, in order.</summary>
    public IReadOnlyList<object> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    /// <summary>The next push of type <typeparamref name="T"/> that satisfies <paramref name="match"/> (others are skipped).</summary>
    public async Task<T> NextAsync<T>(Func<T, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            object next;
            try
            {
                next = await _pushes.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"No {typeof(T).Name} push arrived within {Patience.TotalSeconds} s; received: {string.Join("; ", All)}");
            }

            if (next is T typed && (match is null || match(typed)))
            {
                return typed;
            }
        }
    }

    private void Record(object push)
    {
        lock (_all)
        {
            _all.Add(push);
        }

        _pushes.Writer.TryWrite(push);
    }
}
