using LiveShop.Shared.Realtime;

namespace LiveShop.Client.State;

/// <summary>
/// Chat lines the viewer scrolled back to, above the live ones (<see cref="ShowState.Chat"/>), read from the show's
/// stored chat page by page (<see cref="ChatHistoryPage"/>). Every line shows once (by <see cref="ChatMessageDto.Id"/>)
/// and in order: the first page is cut at the first live line, so lines a big room's sample skipped are not slipped
/// in above lines that were sent later. While earlier lines are shown, live lines that scroll off the page's short
/// list move here instead of leaving a hole; at most <see cref="Capacity"/> lines are kept.
/// </summary>
/// <param name="sequenceOf">A live line's sequence when the page knows it (<see cref="ShowState.ChatSequenceOf"/>).</param>
public sealed class EarlierChat(Func<Guid, long?> sequenceOf)
{
    /// <summary>Lines asked for per page.</summary>
    public const int PageSize = 50;

    /// <summary>The most lines kept above the live ones; the oldest go first (and can be loaded again).</summary>
    public const int Capacity = 1000;

    private readonly List<(ChatMessageDto Message, long? Sequence)> _lines = [];
    private List<ChatMessageDto> _live = [];
    private bool _loaded;
    private long? _before;

    /// <summary>The earlier lines, oldest first.</summary>
    public IReadOnlyList<ChatMessageDto> Lines => [.. _lines.Select(l => l.Message)];

    /// <summary>True once a page said there is nothing before it: the chat is shown from its first line.</summary>
    public bool ReachedStart { get; private set; }

    /// <summary>Where the next page ends (exclusive): the cursor of the last page, or, the first time, the first live line.</summary>
    /// <param name="live">The live lines shown now, oldest first.</param>
    public long? NextBefore(IReadOnlyList<ChatMessageDto> live)
    {
        if (_loaded)
        {
            return _before;
        }

        // The first live line's own sequence cuts exactly; lines from the join's snapshot have none, so the page
        // ends at the first line that has one (the snapshot's lines are in it) or is the newest.
        return live.Select(m => sequenceOf(m.Id)).FirstOrDefault(s => s is not null);
    }

    /// <summary>Puts a page above what is shown. Returns how many lines were new.</summary>
    /// <param name="page">The page, oldest first.</param>
    /// <param name="live">The live lines shown now, oldest first.</param>
    public int Prepend(ChatHistoryPage page, IReadOnlyList<ChatMessageDto> live)
    {
        IEnumerable<ChatPostedEvent> lines = page.Lines;
        if (_lines.Count == 0 && live.Count > 0)
        {
            // Only what is older than the first line shown: by its sequence when known, else cut where it is in the
            // page, else by the time it was sent.
            var first = live[0];
            var at = page.Lines.ToList().FindIndex(l => l.Message.Id == first.Id);
            lines = sequenceOf(first.Id) is { } firstSequence ? page.Lines.Where(l => l.Sequence < firstSequence)
                : at >= 0 ? page.Lines.Take(at)
                : page.Lines.Where(l => l.Message.SentAt < first.SentAt);
        }

        var known = _lines.Select(l => l.Message.Id).Concat(live.Select(m => m.Id)).ToHashSet();
        var added = lines.Where(l => known.Add(l.Message.Id)).Select(l => (l.Message, (long?)l.Sequence)).ToList();
        _lines.InsertRange(0, added);
        _loaded = true;
        _before = page.Before;
        ReachedStart = page.Before is null;
        _live = [.. live];
        return added.Count;
    }

    /// <summary>Follows the live lines as they change: those that scrolled off them move to the end of the earlier ones.</summary>
    /// <param name="live">The live lines shown now, oldest first.</param>
    public void Follow(IReadOnlyList<ChatMessageDto> live)
    {
        if (_lines.Count > 0 && _live.Count > 0 && live.Count > 0 && live[0].Id != _live[0].Id)
        {
            var at = _live.FindIndex(m => m.Id == live[0].Id);
            if (at < 0)
            {
                // The live lines were replaced as a whole (a rejoin's snapshot): what joins them is unknown, start over.
                Reset();
            }
            else
            {
                var stillShown = live.Select(m => m.Id).ToHashSet();
                _lines.AddRange(_live.Take(at).Where(m => !stillShown.Contains(m.Id)).Select(m => (m, sequenceOf(m.Id))));
                Trim();
            }
        }

        _live = [.. live];
    }

    /// <summary>Forgets the earlier lines (another show, or a rejoin that replaced the chat).</summary>
    public void Reset()
    {
        _lines.Clear();
        _live = [];
        _loaded = false;
        _before = null;
        ReachedStart = false;
    }

    private void Trim()
    {
        if (_lines.Count <= Capacity)
        {
            return;
        }

        _lines.RemoveRange(0, _lines.Count - Capacity);

        // Paging back again starts at the oldest kept line whose sequence is known (any lines repeated are skipped by id).
        _before = _lines.Select(l => l.Sequence).FirstOrDefault(s => s is not null) ?? _before;
        ReachedStart = false;
    }
}
