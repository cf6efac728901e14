using LiveShop.Shared;
using LiveShop.Shared.Moderation;

namespace LiveShop.Client.State;

/// <summary>
/// The questions of one show as a page knows them, whichever way each arrived (a board answer, a room
/// event, a push to staff or to the author, the answer to an action): per question the copy with the
/// highest <see cref="QuestionDto.Version"/> wins. Also the questions the user voted for, changed at
/// once when they vote (the server's answer then wins).
/// </summary>
public sealed class QuestionBoard
{
    private readonly Dictionary<Guid, QuestionDto> _questions = [];
    private readonly HashSet<Guid> _myVotes = [];

    /// <summary>Every question known, in no order (dismissed ones included: the views leave them out).</summary>
    public IReadOnlyCollection<QuestionDto> All => _questions.Values;

    /// <summary>The questions the user voted for.</summary>
    public IReadOnlySet<Guid> MyVotes => _myVotes;

    /// <summary>Waiting for approval, oldest first (they have no votes yet).</summary>
    public IReadOnlyList<QuestionDto> Pending => ByVotes(QuestionStatus.Pending);

    /// <summary>Visible and waiting for an answer: most votes first, then the oldest.</summary>
    public IReadOnlyList<QuestionDto> Open => ByVotes(QuestionStatus.Open);

    /// <summary>Answered, the latest answer first.</summary>
    public IReadOnlyList<QuestionDto> Answered =>
        [.. _questions.Values.Where(q => q.Status == QuestionStatus.Answered).OrderByDescending(q => q.AnsweredAt).ThenByDescending(q => q.AskedAt)];

    /// <summary>The question answered last (with or without text): what the banner under the video shows.</summary>
    public QuestionDto? LatestAnswer => _questions.Values
        .Where(q => q.Status == QuestionStatus.Answered && q.AnsweredAt is not null)
        .MaxBy(q => q.AnsweredAt);

    public QuestionDto? Find(Guid id) => _questions.GetValueOrDefault(id);

    /// <summary>The user's own questions still waiting for a moderator, oldest first.</summary>
    public IReadOnlyList<QuestionDto> PendingBy(Guid? authorId) =>
        authorId is { } me ? [.. Pending.Where(q => q.AuthorId == me)] : [];

    /// <summary>Keeps <paramref name="question"/> unless a newer copy is known. Returns whether anything changed.</summary>
    public bool Apply(QuestionDto question)
    {
        if (_questions.TryGetValue(question.Id, out var known) && known.Version >= question.Version)
        {
            return false;
        }

        _questions[question.Id] = question;
        return true;
    }

    /// <summary>A board from the server: each question by version, and the user's votes as the server has them.</summary>
    public void Apply(QuestionBoardDto board)
    {
        foreach (var question in board.Questions)
        {
            Apply(question);
        }

        _myVotes.Clear();
        _myVotes.UnionWith(board.MyVotes);
    }

    /// <summary>
    /// The user votes (or withdraws the vote) before the server answers: the count moves at once. The
    /// copy keeps its version, so the server's answer (a higher one) replaces it. Returns false when the
    /// vote is already as asked.
    /// </summary>
    public bool Vote(Guid questionId, bool vote)
    {
        var changed = vote ? _myVotes.Add(questionId) : _myVotes.Remove(questionId);
        if (changed && _questions.TryGetValue(questionId, out var question))
        {
            _questions[questionId] = question with { Votes = Math.Max(0, question.Votes + (vote ? 1 : -1)) };
        }

        return changed;
    }

    public void Clear()
    {
        _questions.Clear();
        _myVotes.Clear();
    }

    /// <summary>The queue order everywhere: most votes first, then the oldest, then by id (stable).</summary>
    public static IReadOnlyList<QuestionDto> ByVotes(IEnumerable<QuestionDto> questions) =>
        [.. questions.OrderByDescending(q => q.Votes).ThenBy(q => q.AskedAt).ThenBy(q => q.Id)];

    private IReadOnlyList<QuestionDto> ByVotes(QuestionStatus status) => ByVotes(_questions.Values.Where(q => q.Status == status));

    /// <summary>Whether the answer banner for <paramref name="question"/> still shows at <paramref name="serverNow"/>.</summary>
    public static bool BannerShows(QuestionDto? question, DateTimeOffset serverNow) =>
        question is { Status: QuestionStatus.Answered, AnsweredAt: { } at } && serverNow < at + Limits.AnswerBannerDuration;
}
