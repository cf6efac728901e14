namespace LiveShop.Server.Features.Attribution;

/// <summary>
/// A share link for a show (or one product in it): visitors open <c>/r/{Code}</c>. Made by the show's host or
/// co-host, or by a creator the show's brand approved (<see cref="ByCreator"/>: its orders earn the creator a
/// commission, within the brand's window, while the creator stays approved).
/// </summary>
public sealed class ShareLink
{
    private ShareLink()
    {
    }

    public ShareLink(string code, Guid showId, Guid? productId, Guid createdById, DateTimeOffset createdAt, bool byCreator = false, Guid? storeId = null)
    {
        ByCreator = byCreator;
        StoreId = storeId;
        Code = code;
        ShowId = showId;
        ProductId = productId;
        CreatedById = createdById;
        CreatedAt = createdAt;
    }

    public string Code { get; private set; } = "";

    public Guid ShowId { get; private set; }

    public Guid? ProductId { get; private set; }

    /// <summary>The host, co-host, creator or store staff member who made it: orders it brings are credited to them.</summary>
    public Guid CreatedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>A creator's link (B2K2C), not the show's team's.</summary>
    public bool ByCreator { get; private set; }

    /// <summary>A store staff member's link: its orders count for them and for this store (issue 17).</summary>
    public Guid? StoreId { get; private set; }
}

/// <summary>Someone opened a share link: who (user when signed in, and the browser's visitor id), when, which link.</summary>
public sealed class LinkTouch
{
    private LinkTouch()
    {
    }

    public LinkTouch(Guid id, string code, Guid showId, Guid creditedToId, Guid visitorId, Guid? userId, DateTimeOffset at)
    {
        Id = id;
        Code = code;
        ShowId = showId;
        CreditedToId = creditedToId;
        VisitorId = visitorId;
        UserId = userId;
        At = at;
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = "";

    public Guid ShowId { get; private set; }

    public Guid CreditedToId { get; private set; }

    /// <summary>The browser's long-lived visitor cookie, so a touch made before signing in still counts.</summary>
    public Guid VisitorId { get; private set; }

    public Guid? UserId { get; private set; }

    public DateTimeOffset At { get; private set; }
}
