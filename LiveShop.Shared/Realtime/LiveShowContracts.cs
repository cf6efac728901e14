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
    /// <summary>
    /// Joins the show's room (anyone, anonymous included). With the last sequence the client applied,
    /// the answer holds the events it missed; without one (or too far behind), a snapshot.
    /// </summary>
    Task<JoinResult> JoinShow(Guid showId, long? afterSequence);

    /// <summary>Leaves the show's room.</summary>
    Task LeaveShow(Guid showId);

    /// <summary>The show's host takes it live.</summary>
    Task<ShowStatusEvent> GoLive(Guid showId);

    /// <summary>The show's host ends it. Ended is final; running flash sales end with it.</summary>
    Task<ShowStatusEvent> EndShow(Guid showId);

    /// <summary>The show's host pins a lineup product (at most three, kept in pin order).</summary>
    Task<PinsChangedEvent> PinProduct(Guid showId, Guid productId);

    /// <summary>The show's host unpins a product.</summary>
    Task<PinsChangedEvent> UnpinProduct(Guid showId, Guid productId);

    /// <summary>The show's host starts a flash price on a lineup product.</summary>
    Task<FlashSaleStartedEvent> StartFlashSale(Guid showId, StartFlashSaleRequest request);

    /// <summary>The show's host ends a flash sale early.</summary>
    Task<FlashSaleEndedEvent> EndFlashSale(Guid showId, Guid saleId);

    /// <summary>A signed-in user or guest says something in the chat (1–300 characters, rate limited).</summary>
    Task<ChatPostedEvent> SendChat(Guid showId, SendChatRequest request);

    /// <summary>Anyone watching sends a heart. Counted together and sent as one event a second.</summary>
    Task React(Guid showId);
}

/// <summary>What the server pushes to clients.</summary>
public interface ILiveShowClient
{
    /// <summary>Room events in sequence order, several per frame (sent at most every 100 ms per show).</summary>
    Task RoomEvents(Guid showId, IReadOnlyList<RoomEvent> events);

    /// <summary>Viewers now and at peak, chat per minute, reactions: at most once a second.</summary>
    Task RoomStats(RoomStats stats);

    /// <summary>To the buyer only: one of their orders changed status (paid, declined, shipped).</summary>
    Task OrderUpdated(Orders.OrderDto order);

    /// <summary>To everyone in the show: someone just bought something (at most one every 2 s per show).</summary>
    Task PurchaseToast(Sales.PurchaseToastDto toast);

    /// <summary>To the show's host and co-host: the headline sales numbers changed (at most once a second).</summary>
    Task SalesUpdated(Sales.SalesSummaryDto summary);
}
