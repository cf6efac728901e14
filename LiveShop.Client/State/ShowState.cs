using LiveShop.Shared.Catalog;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.State;

/// <summary>
/// What a page knows about one show's room. Events are applied strictly in sequence order: one
/// already applied is ignored (so a duplicate never shows twice), one that arrives after a gap is
/// held back and <see cref="NeedsResync"/> turns true until the missing ones come.
/// </summary>
public sealed class ShowState
{
    /// <summary>Chat lines kept on the page; older ones scroll away.</summary>
    public const int ChatCapacity = 200;

    private static readonly ChatSettingsDto NoChatSettings = new(0, null);

    private readonly SortedDictionary<long, RoomEvent> _early = [];
    private readonly List<RoomFrame> _earlyFrames = [];
    private readonly List<ChatMessageDto> _chat = [];
    private readonly Dictionary<Guid, long> _chatSequences = [];
    private readonly List<PendingChat> _pending = [];
    private readonly RoomCommerce _commerce = new();
    private readonly Dictionary<Guid, ChatClaimSettingsDto> _claims = [];

    public ShowDetailDto? Show { get; private set; }

    public ShowStatus Status { get; private set; }

    public DateTimeOffset? WentLiveAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The show's video source: the loaded show's, then as the host changes it (<see cref="VideoChangedEvent"/>).</summary>
    public VideoSourceDto? Video { get; private set; }

    /// <summary>Server time minus device time, measured at the last join: countdowns use the server's clock.</summary>
    public TimeSpan ClockOffset { get; private set; }

    /// <summary>The last room event applied (0 before the first join).</summary>
    public long LastSequence { get; private set; }

    /// <summary>True while events after a gap are held back: the page should ask for the missing ones.</summary>
    public bool NeedsResync => _early.Count > 0 || _earlyFrames.Count > 0;

    public IReadOnlyList<Guid> Pinned => _commerce.Pinned;

    /// <summary>Running flash sales by product.</summary>
    public IReadOnlyDictionary<Guid, FlashSaleDto> Sales => _commerce.Sales;

    /// <summary>
    /// Each product's "+1" claims (open or not, pay time, counts per keyword) as the snapshot and the
    /// <see cref="ClaimsChangedEvent"/>s last told; products never opened to claims are not here.
    /// </summary>
    public IReadOnlyDictionary<Guid, ChatClaimSettingsDto> Claims => _claims;

    /// <summary>Confirmed chat lines, oldest first.</summary>
    public IReadOnlyList<ChatMessageDto> Chat => _chat;

    /// <summary>The user's own lines not yet confirmed by the server (shown at once, marked as sending).</summary>
    public IReadOnlyList<PendingChat> PendingChat => _pending;

    public long ReactionTotal { get; private set; }

    public RoomStats? Stats { get; private set; }

    /// <summary>Slow mode and the pinned announcement, as everyone sees them.</summary>
    public ChatSettingsDto ChatSettings { get; private set; } = NoChatSettings;

    /// <summary>A chat line's sequence when it arrived as an event (null for lines from a snapshot): where scroll-back starts.</summary>
    public long? ChatSequenceOf(Guid messageId) => _chatSequences.TryGetValue(messageId, out var sequence) ? sequence : null;

    /// <summary>The questions the user may see (staff: all of them), and their votes.</summary>
    public QuestionBoard Questions { get; } = new();

    /// <summary>Whether the server said, at the last join, that the user may moderate this show.</summary>
    public bool IsStaff { get; private set; }

    /// <summary>The user's own timeout or ban in this show, as last told (it may have run out since: see <see cref="RestrictionAt"/>).</summary>
    public RestrictionNoticeDto? Restriction { get; private set; }

    public event Action? Changed;

    /// <summary>Hearts that arrived live (not from a snapshot), for the floating animation.</summary>
    public event Action<int>? ReactionsArrived;

    /// <summary>
    /// Raised for each room event as it is applied, in sequence order (live or missed), after the state
    /// changed: views that show the room with a delay (<see cref="StreamSyncedView"/>) follow it.
    /// </summary>
    public event Action<RoomEvent>? EventApplied;

    /// <summary>Raised when the room state was replaced as a whole (a show loaded, a snapshot applied).</summary>
    public event Action? Rebased;

    /// <summary>The pinned products as lineup items, in pin order.</summary>
    public IEnumerable<LineupItemDto> PinnedItems =>
        Show is null ? [] : _commerce.Pinned.Select(id => Show.Lineup.FirstOrDefault(l => l.ProductId == id)).OfType<LineupItemDto>();

    public DateTimeOffset ServerNow(DateTimeOffset deviceNow) => deviceNow + ClockOffset;

    /// <summary>The user's ban, or their timeout while it lasts (by the server's clock); null when they may chat.</summary>
    public RestrictionNoticeDto? RestrictionAt(DateTimeOffset deviceNow) => Restriction switch
    {
        { Kind: RestrictionKind.Ban } ban => ban,
        { Kind: RestrictionKind.Timeout, Until: { } until } timeout when ServerNow(deviceNow) < until => timeout,
        _ => null,
    };

    /// <summary>The running sale on a product, if any (by the server's clock).</summary>
    public FlashSaleDto? SaleFor(Guid productId, DateTimeOffset deviceNow) => _commerce.RunningSale(productId, ServerNow(deviceNow));

    /// <summary>A product's "+1" claims setting, or null when the host never opened it to claims.</summary>
    public ChatClaimSettingsDto? ClaimsFor(Guid productId) => _claims.GetValueOrDefault(productId);

    /// <summary>A product of the lineup, or null when the show has no such product.</summary>
    public LineupItemDto? ItemFor(Guid productId) => Show?.Lineup.FirstOrDefault(l => l.ProductId == productId);

    /// <summary>
    /// What a product costs now: the flash price while a sale runs on it (by the server's clock), else
    /// its list price. The one place the client decides a price; the cart and the order use it.
    /// Null when the show has no such product.
    /// </summary>
    public ProductPrice? PriceOf(Guid productId, DateTimeOffset deviceNow) => PriceOf(productId, null, deviceNow);

    /// <summary>
    /// What one variant of a product costs now: its own price, or the flash price while a sale runs that
    /// is for this variant (<see cref="VariantPrices.PriceOf"/>). Null when the show has no such product.
    /// </summary>
    public ProductPrice? PriceOf(Guid productId, Guid? variantId, DateTimeOffset deviceNow) =>
        ItemFor(productId) is { } item ? VariantPrices.PriceOf(item, variantId, SaleFor(productId, deviceNow)) : null;

    public void Load(ShowDetailDto show)
    {
        Show = show;
        Status = show.Status;
        WentLiveAt = show.WentLiveAt;
        EndedAt = show.EndedAt;
        Video = show.Video;
        LastSequence = 0;
        ReactionTotal = 0;
        Stats = null;
        ClockOffset = TimeSpan.Zero;
        _early.Clear();
        _earlyFrames.Clear();
        _chat.Clear();
        _chatSequences.Clear();
        _pending.Clear();
        _commerce.Reset([], []);
        _claims.Clear();
        ChatSettings = NoChatSettings;
        Restriction = null;
        IsStaff = false;
        Questions.Clear();
        Rebased?.Invoke();
        Changed?.Invoke();
    }

    /// <summary>Applies the answer to a join or rejoin: a snapshot, or the missed events.</summary>
    public void ApplyJoin(JoinResult join, DateTimeOffset deviceNow)
    {
        if (Show is null || join.ShowId != Show.Id)
        {
            return;
        }

        ClockOffset = join.ServerTime - deviceNow;
        Stats = join.Stats;

        // Every join answers with the user's restriction now: none means none (lifted while away).
        Restriction = join.Restriction is { Kind: not null } restriction ? restriction : null;
        IsStaff = join.IsStaff;
        if (join.Snapshot is { } snapshot)
        {
            ApplySnapshot(snapshot);
        }

        ApplyEvents(join.Missed, live: false);
        DrainFrames(live: false);
        Changed?.Invoke();
    }

    /// <summary>
    /// Applies the server's answer to this page's own action when it is the very next event; otherwise
    /// leaves it to the push that carries it (a big room's frames skip other people's chat, so an answer
    /// ahead of the page is no gap to ask about).
    /// </summary>
    public bool ApplyAnswer(RoomEvent roomEvent) =>
        roomEvent.Sequence == LastSequence + 1 && _earlyFrames.Count == 0 && ApplyEvents([roomEvent], live: true);

    /// <summary>
    /// Applies a pushed frame (see <see cref="RoomFrame"/>): when it follows on from what the page has, its
    /// events in order and then the page stands at its <see cref="RoomFrame.Through"/> (chat lines a big room
    /// left out are not a gap); otherwise it is held back and <see cref="NeedsResync"/> says to ask again.
    /// Returns false when nothing changed.
    /// </summary>
    public bool ApplyFrame(RoomFrame frame)
    {
        _earlyFrames.Add(frame);
        var changed = DrainFrames(live: true);
        if (changed)
        {
            Changed?.Invoke();
        }

        return changed;
    }

    private bool DrainFrames(bool live)
    {
        var changed = false;
        while (_earlyFrames.Count > 0)
        {
            var next = _earlyFrames.MinBy(f => f.After)!;
            if (next.After > LastSequence)
            {
                break;
            }

            _earlyFrames.Remove(next);
            foreach (var roomEvent in next.Events.OrderBy(e => e.Sequence))
            {
                if (roomEvent.Sequence <= LastSequence)
                {
                    continue;
                }

                Apply(roomEvent, live);
                LastSequence = roomEvent.Sequence;
                changed = true;
                EventApplied?.Invoke(roomEvent);
            }

            LastSequence = Math.Max(LastSequence, next.Through);

            // Single events held back after a gap that this frame closed.
            changed |= ApplyEvents([], live);
        }

        return changed;
    }

    /// <summary>Applies pushed events. Returns false when nothing changed (all duplicates, or held back after a gap).</summary>
    public bool ApplyEvents(IEnumerable<RoomEvent> events) => ApplyEvents(events, live: true);

    public void ApplyStats(RoomStats stats)
    {
        if (Show is null || stats.ShowId != Show.Id)
        {
            return;
        }

        Stats = stats;
        ReactionTotal = Math.Max(ReactionTotal, stats.ReactionTotal);
        Changed?.Invoke();
    }

    /// <summary>A question as the server sent it (a push or the answer to an action); an older copy than the one known is ignored.</summary>
    public void ApplyQuestion(QuestionDto question)
    {
        if (Show is not null && question.ShowId == Show.Id && Questions.Apply(question))
        {
            Changed?.Invoke();
        }
    }

    /// <summary>The board the server answered with (questions by version, and the user's votes).</summary>
    public void ApplyQuestions(QuestionBoardDto board)
    {
        if (Show is null || board.ShowId != Show.Id)
        {
            return;
        }

        Questions.Apply(board);
        Changed?.Invoke();
    }

    /// <summary>Several questions (the moderator desk's state), each by version.</summary>
    public void ApplyQuestions(IEnumerable<QuestionDto> questions)
    {
        var changed = false;
        foreach (var question in questions)
        {
            changed |= Show is not null && question.ShowId == Show.Id && Questions.Apply(question);
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// The user votes or withdraws the vote; the count moves at once (the server's answer then wins). Null
    /// when there is nothing to send (the vote is already as asked, or one is on its way).
    /// </summary>
    public QuestionBoard.VoteTicket? Vote(Guid questionId, bool vote)
    {
        var ticket = Questions.Vote(questionId, vote);
        if (ticket is not null)
        {
            Changed?.Invoke();
        }

        return ticket;
    }

    /// <summary>The server's answer to the user's vote: its copy replaces the guess, whatever its version.</summary>
    public void ApplyVoteAnswer(QuestionBoard.VoteTicket ticket, QuestionDto answer)
    {
        if (Show is not null && answer.ShowId == Show.Id)
        {
            Questions.VoteAnswered(ticket, answer);
            Changed?.Invoke();
        }
    }

    /// <summary>The server refused the user's vote: the count and the vote are the server's again.</summary>
    public void RefuseVote(QuestionBoard.VoteTicket ticket)
    {
        Questions.VoteRefused(ticket);
        Changed?.Invoke();
    }

    /// <summary>The user was timed out or banned, or it was lifted (<see cref="RestrictionNoticeDto.Kind"/> null).</summary>
    public void ApplyRestriction(RestrictionNoticeDto notice)
    {
        if (Show is null || notice.ShowId != Show.Id)
        {
            return;
        }

        Restriction = notice.Kind is null ? null : notice;
        Changed?.Invoke();
    }

    /// <summary>Shows the user's own line at once, before the server confirms it.</summary>
    public void AddPendingChat(Guid clientMessageId, string authorName, string text)
    {
        _pending.Add(new PendingChat(clientMessageId, authorName, text));
        Changed?.Invoke();
    }

    /// <summary>The server refused the line: it leaves the list (the page shows why).</summary>
    public void DropPendingChat(Guid clientMessageId)
    {
        _pending.RemoveAll(p => p.ClientMessageId == clientMessageId);
        Changed?.Invoke();
    }

    private bool ApplyEvents(IEnumerable<RoomEvent> events, bool live)
    {
        var changed = false;
        foreach (var roomEvent in events)
        {
            if (roomEvent.Sequence > LastSequence)
            {
                _early.TryAdd(roomEvent.Sequence, roomEvent);
            }
        }

        while (_early.Count > 0)
        {
            var (sequence, next) = _early.First();
            if (sequence <= LastSequence)
            {
                _early.Remove(sequence);
                continue;
            }

            if (sequence != LastSequence + 1)
            {
                break;
            }

            _early.Remove(sequence);
            Apply(next, live);
            LastSequence = sequence;
            changed = true;
            EventApplied?.Invoke(next);
        }

        if (changed && live)
        {
            Changed?.Invoke();
        }

        return changed;
    }

    private void ApplySnapshot(RoomSnapshot snapshot)
    {
        Status = snapshot.Status;
        WentLiveAt = snapshot.WentLiveAt;
        EndedAt = snapshot.EndedAt;
        _commerce.Reset(snapshot.Pinned, snapshot.ActiveSales);
        foreach (var stock in snapshot.Stock ?? [])
        {
            SetStock(stock.ProductId, stock.Stock, stock.Variants);
        }

        // The snapshot is the present: a product it does not list has no claims (null from a server without them).
        _claims.Clear();
        foreach (var claims in snapshot.Claims ?? [])
        {
            _claims[claims.ProductId] = claims;
        }

        _chat.Clear();
        _chatSequences.Clear();
        foreach (var message in snapshot.RecentChat)
        {
            AddChat(message);
        }

        ReactionTotal = Math.Max(ReactionTotal, snapshot.ReactionTotal);
        ChatSettings = snapshot.Chat;
        LastSequence = snapshot.LastSequence;
        Rebased?.Invoke();
    }

    private void Apply(RoomEvent roomEvent, bool live)
    {
        switch (roomEvent)
        {
            case ShowStatusEvent status when Rank(status.Status) >= Rank(Status):
                Status = status.Status;
                WentLiveAt = status.WentLiveAt ?? WentLiveAt;
                EndedAt = status.EndedAt ?? EndedAt;
                if (Status == ShowStatus.Ended)
                {
                    _commerce.ClearSales();
                }

                break;
            case var commerce when RoomCommerce.Handles(commerce):
                _commerce.Apply(commerce);
                break;
            case ProductStockEvent stock:
                SetStock(stock.ProductId, stock.Stock, stock.Variants);
                break;
            case ChatPostedEvent chat:
                AddChat(chat.Message);
                _chatSequences[chat.Message.Id] = chat.Sequence;
                break;
            case ReactionsEvent reactions:
                ReactionTotal = Math.Max(ReactionTotal, reactions.Total);
                if (live)
                {
                    ReactionsArrived?.Invoke(reactions.Added);
                }

                break;
            case QuestionChangedEvent question:
                Questions.Apply(question.Question);
                break;
            case ChatDeletedEvent deleted:
                _chat.RemoveAll(m => m.Id == deleted.MessageId);
                break;
            case ChatSettingsEvent settings:
                ChatSettings = settings.Settings;
                break;
            case VideoChangedEvent video:
                Video = video.Video;
                break;
            case ClaimsChangedEvent claims:
                // The whole setting and its counts after the change: replacing it twice is the same as once.
                _claims[claims.Claims.ProductId] = claims.Claims;
                break;
        }
    }

    /// <summary>
    /// A lineup product's stock now: its <see cref="LineupItemDto"/> is replaced (records are never
    /// changed in place), so everything that renders the lineup from <see cref="Show"/> shows it. A
    /// product with variants gets each listed variant's stock too (variants not listed keep theirs).
    /// </summary>
    private void SetStock(Guid productId, int stock, IReadOnlyList<VariantStockDto>? variants)
    {
        if (Show is not { } show)
        {
            return;
        }

        var index = -1;
        for (var i = 0; i < show.Lineup.Count; i++)
        {
            if (show.Lineup[i].ProductId == productId)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return;
        }

        var item = show.Lineup[index];
        var itemVariants = WithStock(item.Variants, variants);
        if (item.Stock == stock && ReferenceEquals(itemVariants, item.Variants))
        {
            return;
        }

        var lineup = show.Lineup.ToArray();
        lineup[index] = item with { Stock = stock, Variants = itemVariants };
        Show = show with { Lineup = lineup };
    }

    /// <summary>The variants with the stock told (the same list when nothing changed).</summary>
    private static IReadOnlyList<ProductVariantDto>? WithStock(IReadOnlyList<ProductVariantDto>? known, IReadOnlyList<VariantStockDto>? told)
    {
        if (known is not { Count: > 0 } || told is not { Count: > 0 })
        {
            return known;
        }

        var stockById = new Dictionary<Guid, int>();
        foreach (var variant in told)
        {
            stockById[variant.VariantId] = variant.Stock;
        }

        if (!known.Any(v => stockById.TryGetValue(v.Id, out var now) && now != v.Stock))
        {
            return known;
        }

        return [.. known.Select(v => stockById.TryGetValue(v.Id, out var now) ? v with { Stock = now } : v)];
    }

    private void AddChat(ChatMessageDto message)
    {
        if (message.ClientMessageId is { } own)
        {
            _pending.RemoveAll(p => p.ClientMessageId == own);
        }

        if (_chat.Exists(m => m.Id == message.Id))
        {
            return;
        }

        _chat.Add(message);
        if (_chat.Count > ChatCapacity)
        {
            _chat.RemoveRange(0, _chat.Count - ChatCapacity);
        }

        // Kept a while after a line scrolls away (scroll-back may still ask), then only for the lines on the page.
        if (_chatSequences.Count > 2 * ChatCapacity)
        {
            var onPage = _chat.Select(m => m.Id).ToHashSet();
            foreach (var id in _chatSequences.Keys.Where(id => !onPage.Contains(id)).ToList())
            {
                _chatSequences.Remove(id);
            }
        }
    }

    private static int Rank(ShowStatus status) => status switch
    {
        ShowStatus.Scheduled => 0,
        ShowStatus.Live => 1,
        ShowStatus.Ended => 2,
    };
}

/// <summary>The user's own chat line on its way to the server.</summary>
public sealed record PendingChat(Guid ClientMessageId, string AuthorName, string Text);

/// <summary>A product's price now: <see cref="Unit"/> is what the buyer pays, <see cref="List"/> the price without a flash sale.</summary>
public sealed record ProductPrice(decimal Unit, decimal List, string Currency, FlashSaleDto? Sale)
{
    public bool IsFlash => Sale is not null;

    /// <summary>Why a running flash price does not apply to this line (per-buyer cap, units left); null otherwise.</summary>
    public string? FlashNote { get; init; }
}
