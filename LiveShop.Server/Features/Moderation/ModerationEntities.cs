using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Features.Moderation;

/// <summary>A user the host made a moderator of one show.</summary>
public sealed class ShowModerator(Guid showId, Guid userId, Guid addedById, DateTimeOffset addedAt)
{
    public Guid ShowId { get; private set; } = showId;

    public Guid UserId { get; private set; } = userId;

    public Guid AddedById { get; private set; } = addedById;

    public DateTimeOffset AddedAt { get; private set; } = addedAt;
}

/// <summary>A user's current timeout or ban in one show (at most one; lifting deletes it).</summary>
public sealed class ShowRestriction
{
    private ShowRestriction()
    {
    }

    public ShowRestriction(Guid showId, Guid userId, string userName, RestrictionKind kind, DateTimeOffset? until, Guid byId, string byName, DateTimeOffset at)
    {
        ShowId = showId;
        UserId = userId;
        Set(userName, kind, until, byId, byName, at);
    }

    public Guid ShowId { get; private set; }

    public Guid UserId { get; private set; }

    public string UserName { get; private set; } = "";

    public RestrictionKind Kind { get; private set; }

    /// <summary>When a timeout ends; null for a ban.</summary>
    public DateTimeOffset? Until { get; private set; }

    public Guid ById { get; private set; }

    public string ByName { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public void Set(string userName, RestrictionKind kind, DateTimeOffset? until, Guid byId, string byName, DateTimeOffset at)
    {
        UserName = userName;
        Kind = kind;
        Until = kind == RestrictionKind.Ban ? null : until;
        ById = byId;
        ByName = byName;
        At = at;
    }

    /// <summary>A ban always; a timeout until its time.</summary>
    public bool IsActive(DateTimeOffset now) => Kind == RestrictionKind.Ban || Until > now;

    public RestrictionDto ToDto() => new(UserId, UserName, Kind, Until, ByName, At);

    public RestrictionNoticeDto ToNotice() => new(ShowId, Kind, Until);
}

/// <summary>What a restriction's browser or address key reaches: only guests, for an address (see docs/decisions.md).</summary>
public enum CoverKind
{
    Browser,
    Address,
}

/// <summary>
/// A browser or address (a keyed hash, <see cref="Security.IdentityKeys"/>) the restricted user was seen
/// with in the show when they were restricted: anyone else joining or chatting from it is restricted too.
/// Deleted with its restriction (lifting deletes both).
/// </summary>
public sealed class ShowRestrictionCover
{
    private ShowRestrictionCover()
    {
    }

    public ShowRestrictionCover(Guid showId, Guid userId, CoverKind kind, string key)
    {
        ShowId = showId;
        UserId = userId;
        Kind = kind;
        Key = key;
    }

    public Guid ShowId { get; private set; }

    /// <summary>The restricted user whose restriction this extends.</summary>
    public Guid UserId { get; private set; }

    public CoverKind Kind { get; private set; }

    public string Key { get; private set; } = "";
}

/// <summary>A chat line that matched the show's blocklist, waiting for a moderator to release or drop it.</summary>
public sealed class HeldMessage
{
    private HeldMessage()
    {
    }

    public HeldMessage(Guid id, Guid showId, Guid authorId, string authorName, ChatAuthorRole authorRole, string text, string matchedWord, DateTimeOffset heldAt)
    {
        Id = id;
        ShowId = showId;
        AuthorId = authorId;
        AuthorName = authorName;
        AuthorRole = authorRole;
        Text = text;
        MatchedWord = matchedWord;
        HeldAt = heldAt;
        Status = HeldMessageStatus.Held;
    }

    public Guid Id { get; private set; }

    public Guid ShowId { get; private set; }

    public Guid AuthorId { get; private set; }

    public string AuthorName { get; private set; } = "";

    public ChatAuthorRole AuthorRole { get; private set; }

    public string Text { get; private set; } = "";

    public string MatchedWord { get; private set; } = "";

    public DateTimeOffset HeldAt { get; private set; }

    public HeldMessageStatus Status { get; private set; }

    public Guid? DecidedById { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public void Decide(HeldMessageStatus status, Guid byId, DateTimeOffset at)
    {
        if (Status != HeldMessageStatus.Held)
        {
            throw Status == HeldMessageStatus.Released
                ? Common.DomainException.Conflict(Shared.ProblemCodes.HeldMessageDecided, "That message was already released.")
                : Common.DomainException.Conflict(Shared.ProblemCodes.HeldMessageDecided, "That message was already dropped.");
        }

        Status = status;
        DecidedById = byId;
        DecidedAt = at;
    }

    public HeldMessageDto ToDto() => new(Id, ShowId, AuthorId, AuthorName, Text, MatchedWord, HeldAt, Status);
}

/// <summary>One line of a show's moderation audit log: who did what, when, to whom.</summary>
public sealed class ModerationAction
{
    private ModerationAction()
    {
    }

    public ModerationAction(Guid showId, Guid actorId, string actorName, string action, DateTimeOffset at, Guid? targetUserId = null, string? targetName = null, Guid? targetId = null, string? detail = null)
    {
        Id = Guid.CreateVersion7();
        ShowId = showId;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        At = at;
        TargetUserId = targetUserId;
        TargetName = targetName;
        TargetId = targetId;
        Detail = detail is { Length: > DetailMaxLength } ? detail[..DetailMaxLength] : detail;
    }

    public const int DetailMaxLength = 1000;

    public Guid Id { get; private set; }

    public Guid ShowId { get; private set; }

    public Guid ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    public string Action { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public Guid? TargetUserId { get; private set; }

    public string? TargetName { get; private set; }

    /// <summary>The message, question or held message acted on.</summary>
    public Guid? TargetId { get; private set; }

    /// <summary>What was said or set: the deleted text, the duration, the new slow mode …</summary>
    public string? Detail { get; private set; }

    public ModerationAuditDto ToDto() => new(Id, At, ActorId, ActorName, Action, TargetUserId, TargetName, TargetId, Detail);
}
