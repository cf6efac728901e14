using LiveShop.Shared.Moderation;

namespace LiveShop.Client.Components.Moderation;

/// <summary>A moderator answers <see cref="Question"/>: with <see cref="Text"/>, or without (marked answered aloud).</summary>
public sealed record AnswerRequest(QuestionDto Question, string? Text);

/// <summary>A moderator times a chat author out (<see cref="Seconds"/>) or bans them.</summary>
public sealed record RestrictRequest(Guid UserId, string UserName, RestrictionKind Kind, int? Seconds);

/// <summary>The viewer votes for a question, or withdraws the vote.</summary>
public sealed record VoteRequest(Guid QuestionId, bool Vote);
