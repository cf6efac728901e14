using LiveShop.Server.Features.Common;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;

namespace LiveShop.Server.Features.Moderation;

/// <summary>
/// A viewer's question to a show. Pending (awaiting approval) or Open when asked; Answered and
/// Dismissed are final. Every change bumps <see cref="Version"/>, so clients keep the newest copy.
/// Changed only under the show's room lock (see <see cref="Realtime.RoomWriter"/>).
/// </summary>
public sealed class Question
{
    private Question()
    {
    }

    public Question(Guid id, Guid showId, Guid authorId, string authorName, string text, bool needsApproval, DateTimeOffset now)
    {
        Id = id;
        ShowId = showId;
        AuthorId = authorId;
        AuthorName = authorName;
        Text = text;
        Status = needsApproval ? QuestionStatus.Pending : QuestionStatus.Open;
        AskedAt = now;
        Version = 1;
    }

    public Guid Id { get; private set; }

    public Guid ShowId { get; private set; }

    public Guid AuthorId { get; private set; }

    public string AuthorName { get; private set; } = "";

    public string Text { get; private set; } = "";

    public QuestionStatus Status { get; private set; }

    public int Votes { get; private set; }

    public DateTimeOffset AskedAt { get; private set; }

    public string? Answer { get; private set; }

    public Guid? AnsweredById { get; private set; }

    public string? AnsweredByName { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public int Version { get; private set; }

    public bool IsPublic => Status is QuestionStatus.Open or QuestionStatus.Answered;

    public void Approve()
    {
        if (Status != QuestionStatus.Pending)
        {
            throw Status == QuestionStatus.Open
                ? DomainException.Conflict(ProblemCodes.QuestionNotPending, "That question is already visible to everyone.")
                : DomainException.Conflict(ProblemCodes.QuestionNotPending, "That question was already answered or dismissed.");
        }

        Status = QuestionStatus.Open;
        Version++;
    }

    /// <summary>Answers a pending or open question; with no text it is marked answered (answered aloud).</summary>
    public void AnswerWith(string? text, Guid byId, string byName, DateTimeOffset now)
    {
        if (Status is QuestionStatus.Answered or QuestionStatus.Dismissed)
        {
            throw Status == QuestionStatus.Answered
                ? DomainException.Conflict(ProblemCodes.QuestionClosed, "That question was already answered.")
                : DomainException.Conflict(ProblemCodes.QuestionClosed, "That question was already dismissed.");
        }

        Status = QuestionStatus.Answered;
        Answer = string.IsNullOrEmpty(text) ? null : text;
        AnsweredById = byId;
        AnsweredByName = byName;
        AnsweredAt = now;
        Version++;
    }

    /// <summary>Dismisses a pending or open question; an answered one stays answered for good.</summary>
    public void Dismiss()
    {
        if (Status is QuestionStatus.Answered or QuestionStatus.Dismissed)
        {
            throw Status == QuestionStatus.Answered
                ? DomainException.Conflict(ProblemCodes.QuestionClosed, "That question was already answered.")
                : DomainException.Conflict(ProblemCodes.QuestionClosed, "That question was already dismissed.");
        }

        Status = QuestionStatus.Dismissed;
        Version++;
    }

    /// <summary>Adds or takes back one vote (the vote rows are the truth; this keeps the count beside them).</summary>
    public void CountVote(bool added)
    {
        Votes = Math.Max(0, Votes + (added ? 1 : -1));
        Version++;
    }

    /// <summary>What the room keeps of a dismissed question: that it is gone, not what it said or who asked.</summary>
    public QuestionDto ToRedactedDto() => ToDto() with { AuthorId = Guid.Empty, AuthorName = "", Text = "", Answer = null, AnsweredByName = null };

    public QuestionDto ToDto() => new(Id, ShowId, AuthorId, AuthorName, Text, Status, Votes, AskedAt, Answer, AnsweredByName, AnsweredAt, Version);
}

/// <summary>One user's vote for one question.</summary>
public sealed class QuestionVote(Guid questionId, Guid userId, DateTimeOffset at)
{
    public Guid QuestionId { get; private set; } = questionId;

    public Guid UserId { get; private set; } = userId;

    public DateTimeOffset At { get; private set; } = at;
}
