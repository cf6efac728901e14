using LiveShop.Shared;
using LiveShop.Shared.Moderation;

namespace LiveShop.Client.State;

/// <summary>
/// The questions of one show as a page knows them, whichever way each arrived (a board answer, a room
/// event, a push to staff or to the author, the answer to an action): per question the copy with the
/// highest <see cref="QuestionDto.Version"/> wins. Also the questions the user voted for.
/// A vote moves the count at once: the guess is an overlay over the server's copy (which stays as it
/// was), shown until a newer server copy arrives or the vote's own answer does, even one of the same
/// version (a vote that changed nothing, say from a second tab); a refused vote just drops the overlay,
/// so the count is the server's copy again, the one voted on or a newer one.
/// </summary>
public sealed class QuestionBoard
{
    private readonly Dictionary<Guid, QuestionDto> _questions = [];
    private readonly HashSet<Guid> _myVotes = [];

    /// <summary>Votes sent and not answered yet, by question.</summary>
    private readonly Dictionary<Guid, VoteTicket> _voting = [];

    /// <summary>The votes whose guess still shows over the server's copy, by question.</summary>
    private readonly Dictionary<Guid, VoteTicket> _optimistic = [];

    /// <summary>A vote sent: what to put back if the server refuses it.</summary>
    /// <param name="QuestionId">The question voted for (or whose vote was withdrawn).</param>
    /// <param name="Vote">True to vote, false to withdraw the vote.</param>
    /// <param name="WasMine">Whether the user's vote was on the question before.</param>
    /// <param name="VotedOnVersion">The version of the server's copy the guess was made on (null when the question was unknown).</param>
    public sealed record VoteTicket(Guid QuestionId, bool Vote, bool WasMine, int? VotedOnVersion);

    /// <summary>Every question known, in no order (dismissed ones included: the views leave them out).</summary>
    public IReadOnlyCollection<QuestionDto> All => [.. _questions.Values.Select(Shown)];

    /// <summary>The questions the user voted for.</summary>
    public IReadOnlySet<Guid> MyVotes => _myVotes;

    /// <summary>Waiting for approval, oldest first (they have no votes yet).</summary>
    public IReadOnlyList<QuestionDto> Pending => ByVotes(QuestionStatus.Pending);

    /// <summary>Visible and waiting for an answer: most votes first, then the oldest.</summary>
    public IReadOnlyList<QuestionDto> Open => ByVotes(QuestionStatus.Open);

    /// <summary>Answered, the latest answer first.</summary>
    public IReadOnlyList<QuestionDto> Answered =>
        [.. All.Where(q => q.Status == QuestionStatus.Answered).OrderByDescending(q => q.AnsweredAt).ThenByDescending(q => q.AskedAt)];

    /// <summary>The question answered last (with or without text): what the banner under the video shows.</summary>
    public QuestionDto? LatestAnswer => All
        .Where(q => q.Status == QuestionStatus.Answered && q.AnsweredAt is not null)
        .MaxBy(q => q.AnsweredAt);

    public QuestionDto? Find(Guid id) => _questions.TryGetValue(id, out var question) ? Shown(question) : null;

    /// <summary>Whether the user's vote on the question is on its way to the server.</summary>
    public bool IsVoting(Guid id) => _voting.ContainsKey(id);

    /// <summary>The user's own questions still waiting for a moderator, oldest first.</summary>
    public IReadOnlyList<QuestionDto> PendingBy(Guid? authorId) =>
        authorId is { } me ? [.. Pending.Where(q => q.AuthorId == me)] : [];

    /// <summary>
    /// Keeps <paramref name="question"/> unless a copy as new is known (a newer one also replaces the
    /// guess of a vote). Returns whether anything changed.
    /// </summary>
    public bool Apply(QuestionDto question)
    {
        if (_questions.TryGetValue(question.Id, out var known) && known.Version >= question.Version)
        {
            return false;
        }

        _questions[question.Id] = question;
        _optimistic.Remove(question.Id);
        return true;
    }

    /// <summary>A board from the server: each question by version, and the user's votes as the server has them (save those in flight).</summary>
    public void Apply(QuestionBoardDto board)
    {
        foreach (var question in board.Questions)
        {
            Apply(question);
        }

        _myVotes.Clear();
        _myVotes.UnionWith(board.MyVotes);
        foreach (var vote in _voting.Values)
        {
            SetMine(vote.QuestionId, vote.Vote);
        }
    }

    /// <summary>
    /// The user votes (or withdraws the vote) before the server answers: the count moves at once. Returns
    /// what to hand to <see cref="VoteAnswered"/> or <see cref="VoteRefused"/>, or null when the vote is
    /// already as asked or one is on its way for that question.
    /// </summary>
    public VoteTicket? Vote(Guid questionId, bool vote)
    {
        var mine = _myVotes.Contains(questionId);
        if (mine == vote || _voting.ContainsKey(questionId))
        {
            return null;
        }

        var known = _questions.GetValueOrDefault(questionId);
        var ticket = new VoteTicket(questionId, vote, mine, known?.Version);
        _voting[questionId] = ticket;
        SetMine(questionId, vote);
        if (known is not null)
        {
            _optimistic[questionId] = ticket;
        }

        return ticket;
    }

    /// <summary>
    /// The server took the vote and answered with its copy: that copy replaces the guess even when it has
    /// the version voted on (the vote changed nothing, as when it was already counted from another tab).
    /// </summary>
    public void VoteAnswered(VoteTicket ticket, QuestionDto answer)
    {
        Forget(ticket);
        if (!_questions.TryGetValue(answer.Id, out var known) || answer.Version >= known.Version)
        {
            _questions[answer.Id] = answer;
        }
    }

    /// <summary>
    /// The server refused the vote: the guess goes, so the count is the server's copy again (the one voted
    /// on, or a newer one that arrived meanwhile), and the user's vote is as it was.
    /// </summary>
    public void VoteRefused(VoteTicket ticket)
    {
        if (Forget(ticket))
        {
            SetMine(ticket.QuestionId, ticket.WasMine);
        }
    }

    public void Clear()
    {
        _questions.Clear();
        _myVotes.Clear();
        _voting.Clear();
        _optimistic.Clear();
    }

    /// <summary>The queue order everywhere: most votes first, then the oldest, then by id (stable).</summary>
    public static IReadOnlyList<QuestionDto> ByVotes(IEnumerable<QuestionDto> questions) =>
        [.. questions.OrderByDescending(q => q.Votes).ThenBy(q => q.AskedAt).ThenBy(q => q.Id)];

    private IReadOnlyList<QuestionDto> ByVotes(QuestionStatus status) => ByVotes(All.Where(q => q.Status == status));

    /// <summary>The server's copy, with the count of a vote on its way.</summary>
    private QuestionDto Shown(QuestionDto question) =>
        _optimistic.TryGetValue(question.Id, out var vote)
            ? question with { Votes = Math.Max(0, question.Votes + (vote.Vote ? 1 : -1)) }
            : question;

    /// <summary>The vote is answered: no longer on its way, its guess gone. False when it was no longer the vote on its way (the board was cleared).</summary>
    private bool Forget(VoteTicket ticket)
    {
        if (!_voting.TryGetValue(ticket.QuestionId, out var voting) || !ReferenceEquals(voting, ticket))
        {
            return false;
        }

        _voting.Remove(ticket.QuestionId);
        if (_optimistic.TryGetValue(ticket.QuestionId, out var shown) && ReferenceEquals(shown, ticket))
        {
            _optimistic.Remove(ticket.QuestionId);
        }

        return true;
    }

    private void SetMine(Guid questionId, bool mine)
    {
        if (mine)
        {
            _myVotes.Add(questionId);
        }
        else
        {
            _myVotes.Remove(questionId);
        }
    }

    /// <summary>Whether the answer banner for <paramref name="question"/> still shows at <paramref name="serverNow"/>.</summary>
    public static bool BannerShows(QuestionDto? question, DateTimeOffset serverNow) =>
        question is { Status: QuestionStatus.Answered, AnsweredAt: { } at } && serverNow < at + Limits.AnswerBannerDuration;
}
