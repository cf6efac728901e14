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

    public Show(Guid id, Guid hostId, string title, string description, DateTimeOffset scheduledStart, string currency, VideoSourceKind videoKind, string? videoUrl, DateTimeOffset createdAt)
    {
        Id = id;
        HostId = hostId;
        Title = title;
        Description = description;
        ScheduledStart = scheduledStart.ToUniversalTime();
        Currency = currency;
        VideoKind = videoKind;
        VideoUrl = videoUrl;
        CreatedAt = createdAt;
        Status = ShowStatus.Scheduled;
    }

    public Guid Id { get; private set; }

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

    /// <summary>Optimistic concurrency token: bumped by every status change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ShowProduct> Lineup => _lineup;

    public bool IsHostedBy(Guid userId) => HostId == userId;

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

    /// <summary>Takes the show live. Refused when it is already live or has ended.</summary>
    public void GoLive(DateTimeOffset now)
    {
        switch (Status)
        {
            case ShowStatus.Live:
                throw DomainException.Conflict(ProblemCodes.ShowAlreadyLive, $"“{Title}” is already live (since {WentLiveAt:HH:mm:ss} UTC).");
            case ShowStatus.Ended:
                throw DomainException.Conflict(ProblemCodes.ShowEnded, $"“{Title}” has ended; an ended show cannot go live again. Schedule a new show instead.");
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
                throw DomainException.Conflict(ProblemCodes.ShowNotLive, $"“{Title}” has not gone live yet, so it cannot end.");
            case ShowStatus.Ended:
                throw DomainException.Conflict(ProblemCodes.ShowEnded, $"“{Title}” has already ended.");
            case ShowStatus.Live:
                Status = ShowStatus.Ended;
                EndedAt = now;
                Version++;
                break;
        }
    }

    public ShowStatusChangedDto ToStatusChange(DateTimeOffset serverTime) => new(Id, Status, WentLiveAt, EndedAt, serverTime);
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
}
