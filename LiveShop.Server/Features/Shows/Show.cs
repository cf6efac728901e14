using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Shows;

namespace LiveShop.Server.Features.Shows;

/// <summary>
/// A live show. Its status only moves forward through <see cref="GoLive"/> and <see cref="End"/>:
/// Scheduled → Live → Ended, and Ended is final.
/// </summary>
public sealed class Show
{
    private readonly List<ShowProduct> _lineup = [];

    private Show()
    {
    }

    public Show(Guid id, Guid shopId, Guid hostId, string title, string description, DateTimeOffset scheduledStart, string currency, VideoSourceKind videoKind, string? videoUrl, DateTimeOffset createdAt)
    {
        Id = id;
        ShopId = shopId;
        HostId = hostId;
        Title = title;
        Description = description;
        ScheduledStart = scheduledStart.ToUniversalTime().ToMilliseconds();
        Currency = currency;
        VideoKind = videoKind;
        VideoUrl = videoUrl;
        CreatedAt = createdAt.ToMilliseconds();
        Status = ShowStatus.Scheduled;
    }

    public Guid Id { get; private set; }

    /// <summary>The shop that sells in this show: its products make the lineup, its team runs it.</summary>
    public Guid ShopId { get; private set; }

    public Guid HostId { get; private set; }

    public AppUser? Host { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public DateTimeOffset ScheduledStart { get; private set; }

    public ShowStatus Status { get; private set; }

    public DateTimeOffset? WentLiveAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public string Currency { get; private set; } = "";

    public VideoSourceKind VideoKind { get; private set; }

    public string? VideoUrl { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Hearts sent during the show, all together.</summary>
    public long ReactionTotal { get; private set; }

    /// <summary>The most viewers watching at once.</summary>
    public int PeakViewers { get; private set; }

    /// <summary>
    /// Room changes committed. With several instances each change bumps it first in its own transaction
    /// (a conditional update that takes the show's row lock), so changes from every instance run one at a
    /// time and read the last sequence after the one before committed (see <see cref="Realtime.RoomWriter"/>).
    /// </summary>
    public long RoomWrites { get; private set; }

    /// <summary>A second host who presents with the host and shares the commission, if any.</summary>
    public Guid? CoHostId { get; private set; }

    public AppUser? CoHost { get; private set; }

    /// <summary>The host's commission on the show's GMV (0.10 = 10 %).</summary>
    public decimal CommissionRate { get; private set; }

    /// <summary>The co-host's part of the commission (0.30 = 30 % of it); the host keeps the rest.</summary>
    public decimal CoHostShare { get; private set; }

    /// <summary>New questions wait for a moderator's approval before other viewers see them.</summary>
    public bool QuestionsNeedApproval { get; private set; }

    /// <summary>Users with the global Moderator role may moderate this show without being assigned.</summary>
    public bool AllowGlobalModerators { get; private set; }

    /// <summary>Slow mode: at most one chat line per this many seconds per user (0 = off; staff exempt).</summary>
    public int SlowModeSeconds { get; private set; }

    public string? AnnouncementText { get; private set; }

    public string? AnnouncementByName { get; private set; }

    public DateTimeOffset? AnnouncementAt { get; private set; }

    /// <summary>The keyword blocklist, one word or phrase per line (normalised, see <see cref="Moderation.Blocklist"/>).</summary>
    public string Blocklist { get; private set; } = "";

    /// <summary>
    /// The uploaded poster's image id in the image store (see Features/Media), or null: the show's cover
    /// and its video poster, ahead of the first lineup product's photo.
    /// </summary>
    public string? PosterImageId { get; private set; }

    /// <summary>Optimistic concurrency token: bumped by every status change and every edit.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ShowProduct> Lineup => _lineup;

    public bool IsHostedBy(Guid userId) => HostId == userId;

    /// <summary>The host or the co-host: who may see the show's sales.</summary>
    public bool IsPresentedBy(Guid userId) => HostId == userId || CoHostId == userId;

    /// <summary>Sets the commission and its split. Rate 0 – 50 %, co-host share 0 – 100 % (0 without a co-host).</summary>
    public void SetCommission(decimal rate, Guid? coHostId, decimal coHostShare)
    {
        if (rate < 0 || rate > Limits.MaxCommissionRate || decimal.Round(rate, 4) != rate)
        {
            throw DomainException.Invalid(ProblemCodes.CommissionInvalid, "The commission rate is from 0 % to 50 %, in steps of 0.01 %.");
        }

        if (coHostId == HostId)
        {
            throw DomainException.Invalid(ProblemCodes.CoHostInvalid, "The co-host must be someone other than the host.");
        }

        if (coHostShare < 0 || coHostShare > 1 || decimal.Round(coHostShare, 4) != coHostShare || (coHostId is null && coHostShare != 0))
        {
            throw DomainException.Invalid(ProblemCodes.CommissionInvalid, "The co-host's share of the commission is from 0 % to 100 % (and 0 without a co-host).");
        }

        CommissionRate = rate;
        CoHostId = coHostId;
        CoHostShare = coHostShare;
    }

    /// <summary>Replaces the lineup with the given products, in order. Not allowed once the show has ended.</summary>
    public void SetLineup(IReadOnlyList<Guid> productIds)
    {
        if (Status == ShowStatus.Ended)
        {
            throw DomainException.Conflict(ProblemCodes.ShowEnded, "This show has ended; its lineup can no longer change.");
        }

        if (productIds.Distinct().Count() != productIds.Count)
        {
            throw DomainException.Invalid(ProblemCodes.LineupDuplicateProduct, "A product appears more than once in the lineup.");
        }

        _lineup.Clear();
        _lineup.AddRange(productIds.Select((productId, index) => new ShowProduct(Id, productId, index)));
    }

    /// <summary>Refuses any edit once the show has gone live (409 show-already-live) or ended (409 show-ended).</summary>
    public void RequireScheduled()
    {
        switch (Status)
        {
            case ShowStatus.Live:
                throw DomainException.Conflict(ProblemCodes.ShowAlreadyLive, "“{0}” is already live; a show can only be edited before it goes live.", Title);
            case ShowStatus.Ended:
                throw DomainException.Conflict(ProblemCodes.ShowEnded, "“{0}” has ended; an ended show can no longer be edited.", Title);
            case ShowStatus.Scheduled:
                break;
        }
    }

    /// <summary>Changes the title, description and start time (already validated); only before the show goes live.</summary>
    public void Edit(string title, string description, DateTimeOffset scheduledStart)
    {
        RequireScheduled();
        Title = title;
        Description = description;
        ScheduledStart = scheduledStart.ToUniversalTime().ToMilliseconds();
        Version++;
    }

    /// <summary>Sets (or, with null, removes) the uploaded poster; only before the show goes live. Answers the poster it replaces.</summary>
    public string? SetPoster(string? imageId)
    {
        RequireScheduled();
        var previous = PosterImageId;
        PosterImageId = imageId;
        Version++;
        return previous;
    }

    /// <summary>Takes the show live. Refused when it is already live or has ended.</summary>
    public void GoLive(DateTimeOffset now)
    {
        switch (Status)
        {
            case ShowStatus.Live:
                throw DomainException.Conflict(ProblemCodes.ShowAlreadyLive, "“{0}” is already live (since {1:HH:mm:ss} UTC).", Title, WentLiveAt);
            case ShowStatus.Ended:
                throw DomainException.Conflict(ProblemCodes.ShowEnded, "“{0}” has ended; an ended show cannot go live again. Schedule a new show instead.", Title);
            case ShowStatus.Scheduled:
                Status = ShowStatus.Live;
                WentLiveAt = now;
                Version++;
                break;
        }
    }

    /// <summary>Ends the show. Refused before it went live, and when it has already ended.</summary>
    public void End(DateTimeOffset now)
    {
        switch (Status)
        {
            case ShowStatus.Scheduled:
                throw DomainException.Conflict(ProblemCodes.ShowNotLive, "“{0}” has not gone live yet, so it cannot end.", Title);
            case ShowStatus.Ended:
                throw DomainException.Conflict(ProblemCodes.ShowEnded, "“{0}” has already ended.", Title);
            case ShowStatus.Live:
                Status = ShowStatus.Ended;
                EndedAt = now;
                Version++;
                break;
        }
    }

    /// <summary>The pinned lineup products, in the order they were pinned.</summary>
    public IReadOnlyList<Guid> PinnedProductIds =>
        [.. _lineup.Where(l => l.PinOrder is not null).OrderBy(l => l.PinOrder).Select(l => l.ProductId)];

    /// <summary>Pins a lineup product (at most <see cref="Limits.MaxPinnedProducts"/>); <paramref name="order"/> keeps pin order.</summary>
    public void Pin(Guid productId, long order)
    {
        RequireNotEnded("pin products");
        var item = LineupItem(productId);
        if (item.PinOrder is not null)
        {
            throw DomainException.Conflict(ProblemCodes.AlreadyPinned, "That product is already pinned.");
        }

        if (_lineup.Count(l => l.PinOrder is not null) >= Limits.MaxPinnedProducts)
        {
            throw DomainException.Conflict(ProblemCodes.PinLimitReached, "At most {0} products can be pinned at once. Unpin one first.", Limits.MaxPinnedProducts);
        }

        item.PinOrder = order;
    }

    public void Unpin(Guid productId)
    {
        RequireNotEnded("unpin products");
        var item = LineupItem(productId);
        if (item.PinOrder is null)
        {
            throw DomainException.Conflict(ProblemCodes.NotPinned, "That product is not pinned.");
        }

        item.PinOrder = null;
    }

    /// <summary>The lineup entry for a product; refuses products that are not in this show.</summary>
    public ShowProduct LineupItem(Guid productId) =>
        _lineup.FirstOrDefault(l => l.ProductId == productId)
        ?? throw DomainException.Invalid(ProblemCodes.ProductNotInLineup, "That product is not in this show's lineup.");

    /// <summary>Changes the video source; only before the show goes live (viewers' players are set up by then).</summary>
    public void ChangeVideo(VideoSourceKind kind, string? url)
    {
        if (Status != ShowStatus.Scheduled)
        {
            throw Status == ShowStatus.Live
                ? DomainException.Conflict(ProblemCodes.ShowAlreadyLive, "The video source can only change before the show goes live.")
                : DomainException.Conflict(ProblemCodes.ShowAlreadyLive, "This show has ended; its video source can no longer change.");
        }

        VideoKind = kind;
        VideoUrl = kind == VideoSourceKind.StreamUrl ? url : null;
    }

    public void SetModerationSettings(bool questionsNeedApproval, bool allowGlobalModerators)
    {
        QuestionsNeedApproval = questionsNeedApproval;
        AllowGlobalModerators = allowGlobalModerators;
    }

    /// <summary>Slow mode, 0 (off) to <see cref="Limits.SlowModeMaxSeconds"/> seconds.</summary>
    public void SetSlowMode(int seconds)
    {
        if (seconds < 0 || seconds > Limits.SlowModeMaxSeconds)
        {
            throw DomainException.Invalid(ProblemCodes.SlowModeInvalid, "Slow mode is from 0 (off) to {0} seconds.", Limits.SlowModeMaxSeconds);
        }

        RequireNotEnded("change the chat");
        SlowModeSeconds = seconds;
    }

    /// <summary>Pins an announcement at the top of the chat; null or blank removes it.</summary>
    public void SetAnnouncement(string? text, string byName, DateTimeOffset now)
    {
        text = text?.Trim();
        if (text?.Length > Limits.AnnouncementMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.AnnouncementTooLong, "An announcement can be at most {0} characters (this one has {1}).", Limits.AnnouncementMaxLength, text.Length);
        }

        RequireNotEnded("change the chat");
        if (string.IsNullOrEmpty(text))
        {
            AnnouncementText = null;
            AnnouncementByName = null;
            AnnouncementAt = null;
        }
        else
        {
            AnnouncementText = text;
            AnnouncementByName = byName;
            AnnouncementAt = now;
        }
    }

    public void SetBlocklist(IReadOnlyList<string> normalisedWords) => Blocklist = string.Join('\n', normalisedWords);

    public IReadOnlyList<string> BlocklistWords => Blocklist.Length == 0 ? [] : Blocklist.Split('\n');

    public Shared.Moderation.ChatSettingsDto ChatSettings =>
        new(SlowModeSeconds, AnnouncementText is null ? null : new Shared.Moderation.AnnouncementDto(AnnouncementText, AnnouncementByName ?? "", AnnouncementAt ?? CreatedAt));

    public void AddReactions(int count) => ReactionTotal += count;

    public void RecordViewers(int viewersNow) => PeakViewers = Math.Max(PeakViewers, viewersNow);

    private void RequireNotEnded(Phrase what)
    {
        if (Status == ShowStatus.Ended)
        {
            throw DomainException.Conflict(ProblemCodes.ShowEnded, "This show has ended; you can no longer {0}.", what);
        }
    }
}

/// <summary>A product in a show's lineup, at a position.</summary>
public sealed class ShowProduct
{
    private ShowProduct()
    {
    }

    internal ShowProduct(Guid showId, Guid productId, int position)
    {
        ShowId = showId;
        ProductId = productId;
        Position = position;
    }

    public Guid ShowId { get; private set; }

    public Guid ProductId { get; private set; }

    public Catalog.Product? Product { get; private set; }

    public int Position { get; private set; }

    /// <summary>Set while pinned: the room sequence of the pin, so pins keep their order.</summary>
    public long? PinOrder { get; internal set; }

    /// <summary>Whether typing the product's "+1" keyword in the chat claims a unit now (docs/claims.md).</summary>
    public bool ClaimsOpen { get; private set; }

    /// <summary>How long a "+1" claim is held for its viewer to pay (minutes; kept when claims close).</summary>
    public int ClaimPayMinutes { get; private set; } = Shared.Limits.ClaimPayDefaultMinutes;

    internal void SetClaims(bool open, int payMinutes)
    {
        ClaimsOpen = open;
        ClaimPayMinutes = payMinutes;
    }
}
