using System.Text.Json.Serialization;
using LiveShop.Shared.Realtime;

namespace LiveShop.Shared.Moderation;

/// <summary>
/// Where a viewer's question is. New questions are <see cref="Open"/> at once, or <see cref="Pending"/>
/// when the show's host wants them approved first (pending ones are seen only by the show's staff and
/// their author). Answered and dismissed are final.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionStatus>))]
public enum QuestionStatus
{
    /// <summary>Waiting for a moderator's approval: not shown to other viewers.</summary>
    Pending,
    /// <summary>Visible to everyone, waiting for an answer; viewers vote on it.</summary>
    Open,
    /// <summary>Answered, with or without a written answer; visible to everyone for good.</summary>
    Answered,
    /// <summary>Dismissed by a moderator: hidden from viewers.</summary>
    Dismissed,
}

/// <summary>
/// A viewer's question. <see cref="Version"/> goes up with every change (votes included): a client
/// keeps the copy with the highest version, whichever way it arrived.
/// </summary>
public sealed record QuestionDto(
    Guid Id,
    Guid ShowId,
    Guid AuthorId,
    string AuthorName,
    string Text,
    QuestionStatus Status,
    int Votes,
    DateTimeOffset AskedAt,
    string? Answer,
    string? AnsweredByName,
    DateTimeOffset? AnsweredAt,
    int Version)
{
    /// <summary>Whether viewers other than the author see it.</summary>
    public bool IsPublic => Status is QuestionStatus.Open or QuestionStatus.Answered;
}

/// <summary>The questions a caller may see in a show, and the ones they voted for.</summary>
public sealed record QuestionBoardDto(Guid ShowId, IReadOnlyList<QuestionDto> Questions, IReadOnlyList<Guid> MyVotes);

public sealed record AskQuestionRequest(string Text);

/// <summary>An answer: <see cref="Text"/> empty or null marks the question answered without text (answered aloud).</summary>
public sealed record AnswerQuestionRequest(Guid QuestionId, string? Text);

/// <summary>What a show's chat looks like to everyone: slow mode and the pinned announcement.</summary>
public sealed record ChatSettingsDto(int SlowModeSeconds, AnnouncementDto? Announcement);

public sealed record AnnouncementDto(string Text, string ByName, DateTimeOffset At);

[JsonConverter(typeof(JsonStringEnumConverter<RestrictionKind>))]
public enum RestrictionKind
{
    /// <summary>Cannot chat, ask or vote until a time.</summary>
    Timeout,
    /// <summary>Cannot chat, ask or vote in this show at all.</summary>
    Ban,
}

/// <summary>A user's timeout or ban in one show (the desk lists the active ones).</summary>
public sealed record RestrictionDto(Guid UserId, string UserName, RestrictionKind Kind, DateTimeOffset? Until, string ByName, DateTimeOffset At);

/// <summary>
/// Pushed to the restricted user (and in their join answer): why they cannot chat, and until when.
/// <see cref="Kind"/> null means a restriction was lifted.
/// </summary>
public sealed record RestrictionNoticeDto(Guid ShowId, RestrictionKind? Kind, DateTimeOffset? Until);

public sealed record RestrictUserRequest(Guid UserId, RestrictionKind Kind, int? DurationSeconds);

[JsonConverter(typeof(JsonStringEnumConverter<HeldMessageStatus>))]
public enum HeldMessageStatus
{
    Held,
    Released,
    Dropped,
}

/// <summary>A chat line that matched the show's blocklist: it waits for a moderator instead of being posted.</summary>
public sealed record HeldMessageDto(
    Guid Id,
    Guid ShowId,
    Guid AuthorId,
    string AuthorName,
    string Text,
    string MatchedWord,
    DateTimeOffset HeldAt,
    HeldMessageStatus Status);

/// <summary>
/// The answer to <see cref="ILiveShowHub.SendChat"/>: the posted line, or, when it matched the
/// show's blocklist, the held message (posted later only if a moderator releases it). A posted line that is a pinned
/// product's "+1" keyword carries the sender's <see cref="Claim"/> (held or waiting), or <see cref="ClaimNote"/> saying
/// why it claimed nothing (in the sender's language).
/// </summary>
public sealed record SendChatResult(ChatPostedEvent? Posted, HeldMessageDto? Held, Claims.ChatClaimDto? Claim = null, string? ClaimNote = null);

/// <summary>
/// A moderator of one show. <see cref="Email"/> is there only for the caller who typed it (added them by e-mail) or
/// owns it; otherwise null, so the list never tells a host other people's addresses.
/// </summary>
public sealed record ShowModeratorDto(Guid UserId, string DisplayName, string? Email, bool HasModeratorRole, DateTimeOffset AddedAt);

/// <summary>Everything the moderator desk needs besides the room itself; staff only.</summary>
public sealed record ModerationStateDto(
    Guid ShowId,
    bool IsHost,
    bool QuestionsNeedApproval,
    bool AllowGlobalModerators,
    ChatSettingsDto Chat,
    IReadOnlyList<string> Blocklist,
    IReadOnlyList<QuestionDto> Questions,
    IReadOnlyList<HeldMessageDto> Held,
    IReadOnlyList<RestrictionDto> Restrictions);

/// <summary>The host's moderation settings for a show (HTTP).</summary>
public sealed record ModerationSettingsDto(bool QuestionsNeedApproval, bool AllowGlobalModerators);

/// <summary>The show's moderators and who could be added from the list (users with the Moderator role).</summary>
public sealed record ModeratorsDto(IReadOnlyList<ShowModeratorDto> Moderators, IReadOnlyList<ShowModeratorDto> Candidates);

/// <summary>Add by the e-mail of the person's account, or (from the candidates list) by the id of a user with the Moderator role.</summary>
public sealed record AddModeratorRequest(string? Email, Guid? UserId = null);

/// <summary>
/// The answer to adding a moderator (202): the same sentence whether or not an account has the e-mail, so the form
/// cannot be used to learn which addresses have accounts.
/// </summary>
public sealed record AddModeratorAnswerDto(string Message);

public sealed record SetBlocklistRequest(IReadOnlyList<string> Words);

/// <summary>One line of a show's moderation audit log.</summary>
public sealed record ModerationAuditDto(
    Guid Id,
    DateTimeOffset At,
    Guid ActorId,
    string ActorName,
    string Action,
    Guid? TargetUserId,
    string? TargetName,
    Guid? TargetId,
    string? Detail);

/// <summary>The actions the audit log names (its <see cref="ModerationAuditDto.Action"/>).</summary>
public static class ModerationActions
{
    public const string ApproveQuestion = "approve-question";
    public const string AnswerQuestion = "answer-question";
    public const string MarkAnswered = "mark-answered";
    public const string DismissQuestion = "dismiss-question";
    public const string DeleteMessage = "delete-message";
    public const string Timeout = "timeout";
    public const string Ban = "ban";
    public const string LiftRestriction = "lift-restriction";
    public const string SlowMode = "slow-mode";
    public const string Blocklist = "blocklist";
    public const string ReleaseMessage = "release-message";
    public const string DropMessage = "drop-message";
    public const string Announcement = "announcement";
    public const string AddModerator = "add-moderator";
    public const string RemoveModerator = "remove-moderator";
    public const string Settings = "settings";
}
