namespace LiveShop.Server.Hubs;

/// <summary>The one place SignalR group names are spelled.</summary>
public static class ShowGroups
{
    /// <summary>Everyone watching a show: viewers, host, moderators.</summary>
    public static string Room(Guid showId) => $"show:{showId:N}";
}
