using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Realtime;

/// <summary>
/// Chooses which of a big room's chat lines everyone is sent: at most <see cref="RoomOptions.ChatLinesPerSecond"/>
/// a second (a token bucket holding at most one second's worth). The host's and staff's lines always go
/// and count against the budget; the rest are a fair sample: authors in random order, one line each per
/// round, so one fast typist cannot fill the room's screens.
/// </summary>
public sealed class ChatSampler(int linesPerSecond, DateTimeOffset now)
{
    private double _tokens = linesPerSecond;
    private DateTimeOffset _refilled = now;

    /// <summary>
    /// Of <paramref name="candidates"/> (viewers' lines, in sequence order), the ones to send now; <paramref name="alwaysSent"/>
    /// lines (host, staff) were sent anyway and are counted first.
    /// </summary>
    public IReadOnlyList<ChatPostedEvent> Pick(IReadOnlyList<ChatPostedEvent> candidates, int alwaysSent, DateTimeOffset now, Random random)
    {
        var elapsed = Math.Max(0, (now - _refilled).TotalSeconds);
        _refilled = now;
        _tokens = Math.Min(linesPerSecond, _tokens + (elapsed * linesPerSecond)) - alwaysSent;
        var take = (int)Math.Floor(Math.Max(0, _tokens));
        if (take == 0 || candidates.Count == 0)
        {
            return [];
        }

        if (take >= candidates.Count)
        {
            _tokens -= candidates.Count;
            return candidates;
        }

        // Round robin over authors in random order: each author's first line, then second lines, …
        var byAuthor = candidates.GroupBy(c => c.Message.AuthorId).Select(g => new Queue<ChatPostedEvent>(g)).ToArray();
        random.Shuffle(byAuthor);
        List<ChatPostedEvent> picked = [];
        while (picked.Count < take)
        {
            foreach (var lines in byAuthor)
            {
                if (picked.Count < take && lines.TryDequeue(out var line))
                {
                    picked.Add(line);
                }
            }
        }

        _tokens -= picked.Count;
        picked.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return picked;
    }
}
