namespace LiveShop.Server.Features.Sales;

/// <summary>
/// Someone joined a show's room: one row per (user, browser) pair seen, with the user id (signed in)
/// and the browser's visitor id (<c>ls_vid</c>) when known. Counted into unique viewers by
/// <see cref="SalesQueries"/>: a browser later seen signed in counts as that user.
/// </summary>
public sealed class ShowViewer
{
    private ShowViewer()
    {
    }

    public ShowViewer(Guid showId, ViewerIdentity viewer, DateTimeOffset firstSeen)
    {
        ShowId = showId;
        ViewerKey = viewer.Key;
        UserId = viewer.UserId;
        VisitorId = viewer.VisitorId;
        FirstSeen = firstSeen;
    }

    public Guid ShowId { get; private set; }

    /// <summary><see cref="ViewerIdentity.Key"/>: what makes a row unique within the show.</summary>
    public string ViewerKey { get; private set; } = "";

    public Guid? UserId { get; private set; }

    public Guid? VisitorId { get; private set; }

    public DateTimeOffset FirstSeen { get; private set; }
}

/// <summary>The most viewers watching at once during one minute of a show (for the viewers-vs-orders chart).</summary>
public sealed class ShowMinute
{
    private ShowMinute()
    {
    }

    public ShowMinute(Guid showId, DateTimeOffset minute, int viewers)
    {
        ShowId = showId;
        Minute = minute;
        Viewers = viewers;
    }

    public Guid ShowId { get; private set; }

    public DateTimeOffset Minute { get; private set; }

    public int Viewers { get; private set; }
}
