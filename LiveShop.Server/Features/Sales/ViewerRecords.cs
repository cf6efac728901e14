namespace LiveShop.Server.Features.Sales;

/// <summary>Someone watched a show (a user id, or a browser's visitor id): counted once for conversion.</summary>
public sealed class ShowViewer
{
    private ShowViewer()
    {
    }

    public ShowViewer(Guid showId, string viewerKey, DateTimeOffset firstSeen)
    {
        ShowId = showId;
        ViewerKey = viewerKey;
        FirstSeen = firstSeen;
    }

    public Guid ShowId { get; private set; }

    public string ViewerKey { get; private set; } = "";

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
