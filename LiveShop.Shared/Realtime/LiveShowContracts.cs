using LiveShop.Shared.Shows;

namespace LiveShop.Shared.Realtime;

/// <summary>Routes of the real-time endpoints.</summary>
public static class HubRoutes
{
    public const string Live = "/hubs/live";
}

/// <summary>
/// What clients may call on <c>/hubs/live</c>. Every method is checked on the server; refusals
/// arrive as a HubException whose message starts with a <see cref="ProblemCodes"/> code in brackets.
/// </summary>
public interface ILiveShowHub
{
    /// <summary>Joins the show's group (anyone, anonymous included) and returns its current state.</summary>
    Task<ShowStatusChangedDto> JoinShow(Guid showId);

    /// <summary>Leaves the show's group.</summary>
    Task LeaveShow(Guid showId);

    /// <summary>The show's host takes it live. Pushes <see cref="ILiveShowClient.ShowStatusChanged"/>.</summary>
    Task<ShowStatusChangedDto> GoLive(Guid showId);

    /// <summary>The show's host ends it. Ended is final.</summary>
    Task<ShowStatusChangedDto> EndShow(Guid showId);
}

/// <summary>What the server pushes to clients.</summary>
public interface ILiveShowClient
{
    Task ShowStatusChanged(ShowStatusChangedDto change);
}
