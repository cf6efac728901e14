using System.Text.Json.Serialization;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Shows;

namespace LiveShop.Shared.Realtime;

/// <summary>
/// Something that happened in a show's room. Every event has a per-show <see cref="Sequence"/>
/// (1, 2, 3 … with no gaps) and is stored before it is sent, so a client that missed some can ask
/// for them again. Applying an event twice must change nothing.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ShowStatusEvent), RoomEventKinds.Status)]
[JsonDerivedType(typeof(PinsChangedEvent), RoomEventKinds.Pins)]
[JsonDerivedType(typeof(FlashSaleStartedEvent), RoomEventKinds.FlashStarted)]
[JsonDerivedType(typeof(FlashSaleUpdatedEvent), RoomEventKinds.FlashUpdated)]
[JsonDerivedType(typeof(FlashSaleEndedEvent), RoomEventKinds.FlashEnded)]
[JsonDerivedType(typeof(FlashSaleReopenedEvent), RoomEventKinds.FlashReopened)]
[JsonDerivedType(typeof(ProductStockEvent), RoomEventKinds.Stock)]
[JsonDerivedType(typeof(ChatPostedEvent), RoomEventKinds.Chat)]
[JsonDerivedType(typeof(ReactionsEvent), RoomEventKinds.Reactions)]
[JsonDerivedType(typeof(QuestionChangedEvent), RoomEventKinds.Question)]
[JsonDerivedType(typeof(ChatDeletedEvent), RoomEventKinds.ChatDeleted)]
[JsonDerivedType(typeof(ChatSettingsEvent), RoomEventKinds.ChatSettings)]
[JsonDerivedType(typeof(VideoChangedEvent), RoomEventKinds.Video)]
[JsonDerivedType(typeof(ClaimsChangedEvent), RoomEventKinds.Claims)]
public abstract record RoomEvent(long Sequence, DateTimeOffset At);

/// <summary>The type discriminators of <see cref="RoomEvent"/> on the wire (<c>$type</c>) and in storage.</summary>
public static class RoomEventKinds
{
    public const string Status = "status";
    public const string Pins = "pins";
    public const string FlashStarted = "flash-started";
    public const string FlashUpdated = "flash-updated";
    public const string FlashEnded = "flash-ended";
    public const string FlashReopened = "flash-reopened";
    public const string Stock = "stock";
    public const string Chat = "chat";
    public const string Reactions = "reactions";
    public const string Question = "question";
    public const string ChatDeleted = "chat-deleted";
    public const string ChatSettings = "chat-settings";
    public const string Video = "video";
    public const string Claims = "claims";
}

/// <summary>The show went live or ended.</summary>
public sealed record ShowStatusEvent(long Sequence, DateTimeOffset At, ShowStatus Status, DateTimeOffset? WentLiveAt, DateTimeOffset? EndedAt)
    : RoomEvent(Sequence, At);

/// <summary>A product was pinned or unpinned; <see cref="Pinned"/> is the whole pinned list after it, in order.</summary>
public sealed record PinsChangedEvent(long Sequence, DateTimeOffset At, Guid ProductId, bool IsPinned, IReadOnlyList<Guid> Pinned)
    : RoomEvent(Sequence, At);

public sealed record FlashSaleStartedEvent(long Sequence, DateTimeOffset At, FlashSaleDto Sale)
    : RoomEvent(Sequence, At);

/// <summary>Units were sold at the flash price.</summary>
public sealed record FlashSaleUpdatedEvent(long Sequence, DateTimeOffset At, Guid SaleId, Guid ProductId, int Sold)
    : RoomEvent(Sequence, At);

public sealed record FlashSaleEndedEvent(long Sequence, DateTimeOffset At, Guid SaleId, Guid ProductId, FlashSaleEndReason Reason, int Sold)
    : RoomEvent(Sequence, At);

/// <summary>
/// A sale that had sold out runs again: a declined card gave back what it ran out of (its flash units,
/// or the stock) before its end time, and no other sale on the product runs. <see cref="Sale"/> is the
/// sale as it is now (its units left, its original end time); show it again as if it had just started.
/// </summary>
public sealed record FlashSaleReopenedEvent(long Sequence, DateTimeOffset At, FlashSaleDto Sale)
    : RoomEvent(Sequence, At);

/// <summary>
/// A lineup product's stock changed: an order took units or a declined card gave them back, in this
/// show or in another one carrying the product (stock is the shop's, not the show's). <see cref="Stock"/>
/// is the stock after it; at 0 the product is sold out. For a product with variants <see cref="Stock"/> is
/// their sum and <see cref="Variants"/> the stock of every variant after it (null: a product without variants).
/// </summary>
public sealed record ProductStockEvent(long Sequence, DateTimeOffset At, Guid ProductId, int Stock, IReadOnlyList<Catalog.VariantStockDto>? Variants = null)
    : RoomEvent(Sequence, At);

public sealed record ChatPostedEvent(long Sequence, DateTimeOffset At, ChatMessageDto Message)
    : RoomEvent(Sequence, At);

/// <summary>Reactions, counted together: <see cref="Added"/> since the last such event, <see cref="Total"/> for the show.</summary>
public sealed record ReactionsEvent(long Sequence, DateTimeOffset At, int Added, long Total)
    : RoomEvent(Sequence, At);

/// <summary>
/// A question everyone may see was asked, approved, voted on, answered or dismissed (status
/// <see cref="QuestionStatus.Dismissed"/>: take it off the board). Pending questions never appear here.
/// </summary>
public sealed record QuestionChangedEvent(long Sequence, DateTimeOffset At, QuestionDto Question)
    : RoomEvent(Sequence, At);

/// <summary>
/// A moderator deleted a chat line: it disappears for everyone. The deleted line's own stored event
/// is replaced by one of these too (at its old sequence), so its text is never sent again.
/// </summary>
public sealed record ChatDeletedEvent(long Sequence, DateTimeOffset At, Guid MessageId)
    : RoomEvent(Sequence, At);

/// <summary>Slow mode or the pinned announcement changed; <see cref="Settings"/> is the whole setting after it.</summary>
public sealed record ChatSettingsEvent(long Sequence, DateTimeOffset At, ChatSettingsDto Settings)
    : RoomEvent(Sequence, At);

/// <summary>
/// A product's "+1" claims were turned on or off, or claimed, released or paid: <see cref="Claims"/> is its setting and
/// counts after it (one event per product per stored batch of chat lines, not per line).
/// </summary>
public sealed record ClaimsChangedEvent(long Sequence, DateTimeOffset At, Claims.ChatClaimSettingsDto Claims)
    : RoomEvent(Sequence, At);

/// <summary>The host changed the (scheduled) show's video source: pages waiting for the show set up the new player.</summary>
public sealed record VideoChangedEvent(long Sequence, DateTimeOffset At, VideoSourceDto Video)
    : RoomEvent(Sequence, At);

[JsonConverter(typeof(JsonStringEnumConverter<FlashSaleEndReason>))]
public enum FlashSaleEndReason
{
    /// <summary>Its time ran out.</summary>
    Expired,
    /// <summary>Every unit at the flash price was sold.</summary>
    SoldOut,
    /// <summary>The host ended it early.</summary>
    EndedByHost,
    /// <summary>The show ended while it ran.</summary>
    ShowEnded,
}

/// <summary>
/// A flash price on one lineup product. Times are the server's. On a product with variants it applies to
/// <see cref="VariantIds"/> (null or empty: every variant); its units and per-buyer cap count across them.
/// <see cref="LowestPrice30Days"/>: in a shop under the EU's 30-day rule, the lowest regular price of the 30 days
/// before it started (of the cheapest variant it is for); null elsewhere or without earlier prices.
/// </summary>
public sealed record FlashSaleDto(
    Guid Id,
    Guid ProductId,
    decimal Price,
    decimal ListPrice,
    string Currency,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int QuantityCap,
    int PerBuyerCap,
    int Sold,
    IReadOnlyList<Guid>? VariantIds = null,
    decimal? LowestPrice30Days = null)
{
    public int Remaining => Math.Max(0, QuantityCap - Sold);

    /// <summary>Whether the flash price is for this variant (null: a product without variants).</summary>
    public bool AppliesTo(Guid? variantId) => VariantIds is not { Count: > 0 } || (variantId is { } id && VariantIds.Contains(id));
}

[JsonConverter(typeof(JsonStringEnumConverter<ChatAuthorRole>))]
public enum ChatAuthorRole
{
    Viewer,
    Guest,
    Host,
    Moderator,
}

/// <summary>A chat line. <see cref="ClientMessageId"/> is the sender's own id, so its optimistic copy is replaced, never doubled.</summary>
public sealed record ChatMessageDto(Guid Id, Guid AuthorId, string AuthorName, ChatAuthorRole AuthorRole, string Text, DateTimeOffset SentAt, Guid? ClientMessageId);

/// <summary>Everything a page needs to show the room as it is now.</summary>
public sealed record RoomSnapshot(
    Guid ShowId,
    long LastSequence,
    ShowStatus Status,
    DateTimeOffset? WentLiveAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<Guid> Pinned,
    IReadOnlyList<FlashSaleDto> ActiveSales,
    IReadOnlyList<ChatMessageDto> RecentChat,
    long ReactionTotal,
    ChatSettingsDto Chat,
    IReadOnlyList<ProductStockDto>? Stock = null,
    IReadOnlyList<Claims.ChatClaimSettingsDto>? Claims = null);

/// <summary>A lineup product's stock now (in a <see cref="RoomSnapshot"/>; null there from a server that sent none), with its variants' (null: none).</summary>
public sealed record ProductStockDto(Guid ProductId, int Stock, IReadOnlyList<Catalog.VariantStockDto>? Variants = null);

/// <summary>
/// The answer to <see cref="ILiveShowHub.JoinShow"/>: either the events after the client's last
/// sequence (in order), or a full <see cref="Snapshot"/> when it had none or was too far behind.
/// <see cref="Restriction"/> is the caller's own timeout or ban in this show, if any; <see cref="IsStaff"/>
/// says whether the caller may moderate it (host, co-host, its moderators, allowed global moderators).
/// </summary>
public sealed record JoinResult(Guid ShowId, DateTimeOffset ServerTime, RoomSnapshot? Snapshot, IReadOnlyList<RoomEvent> Missed, RoomStats Stats, RestrictionNoticeDto? Restriction = null, bool IsStaff = false);

/// <summary>Live counters, pushed at most once a second (not sequenced: the latest wins).</summary>
/// <see cref="ChatSampled"/>: the room is big enough that each viewer is sent a sample of the chat (see <see cref="RoomFrame"/>).
public sealed record RoomStats(Guid ShowId, int ViewersNow, int PeakViewers, int ChatPerMinute, long ReactionTotal, DateTimeOffset ServerTime, bool ChatSampled = false);

/// <summary>
/// One push of a show's room events: the events after <see cref="After"/> up to <see cref="Through"/>
/// that this connection is sent, in sequence order. A page applies it when <see cref="After"/> is at most
/// the last sequence it has (events it already has are skipped) and then stands at <see cref="Through"/>;
/// a frame whose <see cref="After"/> is beyond that means the page missed something: it asks again
/// (JoinShow with its last sequence). Only chat lines are ever left out of a frame (a big room's chat is
/// sampled; every line is stored and can be read back page by page); everything else is always in it.
/// </summary>
public sealed record RoomFrame(long After, long Through, IReadOnlyList<RoomEvent> Events);

/// <summary>A page of a show's stored chat, oldest first; <see cref="Before"/> is the cursor for the page before it (null: this page reaches the start).</summary>
public sealed record ChatHistoryPage(Guid ShowId, IReadOnlyList<ChatPostedEvent> Lines, long? Before);

/// <summary>Starts a flash price; <see cref="VariantIds"/> chooses variants of a product with variants (null or empty: all of them).</summary>
public sealed record StartFlashSaleRequest(Guid ProductId, decimal Price, int DurationSeconds, int QuantityCap, int PerBuyerCap, IReadOnlyList<Guid>? VariantIds = null);

public sealed record SendChatRequest(string Text, Guid? ClientMessageId);
