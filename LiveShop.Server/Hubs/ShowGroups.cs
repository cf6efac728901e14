namespace LiveShop.Server.Hubs;

/// <summary>The one place SignalR group names are spelled.</summary>
public static class ShowGroups
{
    /// <summary>Everyone watching a show: viewers, host, moderators.</summary>
    public static string Room(Guid showId) => $"show:{showId:N}";

    /// <summary>The show's host and co-host, for their sales numbers.</summary>
    public static string Hosts(Guid showId) => $"show-hosts:{showId:N}";

    /// <summary>The show's staff connections that opened the desk (or the console's queue): pending questions, held messages, restrictions.</summary>
    public static string Staff(Guid showId) => $"show-staff:{showId:N}";
}
