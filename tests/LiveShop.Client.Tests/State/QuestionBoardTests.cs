using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.State;

public sealed class QuestionBoardTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 11, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Open_SortsByVotesThenOldestFirst()
    {
        var board = new QuestionBoard();
        board.Apply(Question(1, "Newest, 3 votes", T0.AddMinutes(3), votes: 3));
        board.Apply(Question(2, "Oldest, 3 votes", T0.AddMinutes(1), votes: 3));
        board.Apply(Question(3, "Most votes", T0.AddMinutes(5), votes: 9));
        board.Apply(Question(4, "No votes", T0, votes: 0));

        Assert.Equal(["Most votes", "Oldest, 3 votes", "Newest, 3 votes", "No votes"], board.Open.Select(q => q.Text));
    }

    [Fact]
    public void Apply_OlderVersionAfterNewer_KeepsTheNewer()
    {
        var board = new QuestionBoard();
        board.Apply(Question(1, "Pouch?", T0, votes: 5, version: 6));

        Assert.False(board.Apply(Question(1, "Pouch?", T0, votes: 2, version: 3)));
        Assert.Equal(5, board.Find(Id(1))!.Votes);

        Assert.True(board.Apply(Question(1, "Pouch?", T0, status: QuestionStatus.Answered, answer: "Yes", answeredAt: T0.AddMinutes(1), votes: 5, version: 7)));
        Assert.Equal(QuestionStatus.Answered, board.Find(Id(1))!.Status);
        Assert.Empty(board.Open);
    }

    [Fact]
    public void Vote_MovesTheCountAtOnce_ThenTheServersAnswerWins()
    {
        var board = new QuestionBoard();
        board.Apply(Question(1, "Pouch?", T0, votes: 2, version: 4));

        var ticket = board.Vote(Id(1), true);
        Assert.NotNull(ticket);
        Assert.Equal(3, board.Find(Id(1))!.Votes);
        Assert.Contains(Id(1), board.MyVotes);
        Assert.True(board.IsVoting(Id(1)));
        Assert.Null(board.Vote(Id(1), true));

        // Someone else voted too meanwhile: the server's count (with both votes) replaces the guess.
        board.Apply(Question(1, "Pouch?", T0, votes: 4, version: 6));
        Assert.Equal(4, board.Find(Id(1))!.Votes);

        board.VoteAnswered(ticket, Question(1, "Pouch?", T0, votes: 4, version: 6));
        Assert.Equal(4, board.Find(Id(1))!.Votes);
        Assert.Contains(Id(1), board.MyVotes);
        Assert.False(board.IsVoting(Id(1)));
    }

    [Fact]
    public void VoteAnswered_WithTheVersionVotedOn_ReplacesTheGuess()
    {
        // Already voted from another tab: the server changes nothing and answers with the copy voted on.
        var board = new QuestionBoard();
        board.Apply(Question(1, "Pouch?", T0, votes: 4, version: 5));
        var ticket = board.Vote(Id(1), true)!;
        Assert.Equal(5, board.Find(Id(1))!.Votes);

        board.VoteAnswered(ticket, Question(1, "Pouch?", T0, votes: 4, version: 5));

        Assert.Equal(4, board.Find(Id(1))!.Votes);
        Assert.Contains(Id(1), board.MyVotes);
    }

    [Fact]
    public void AnotherCopyOfTheVersionVotedOn_KeepsTheGuess()
    {
        var board = new QuestionBoard();
        board.Apply(Question(1, "Pouch?", T0, votes: 4, version: 5));
        board.Vote(Id(1), true);

        Assert.False(board.Apply(Question(1, "Pouch?", T0, votes: 4, version: 5)));

        Assert.Equal(5, board.Find(Id(1))!.Votes);
    }

    [Fact]
    public void VoteRefused_PutsBackTheCopyVotedOn_AndTheVote()
    {
        var board = new QuestionBoard();
        board.Apply(new QuestionBoardDto(ShowId, [Question(1, "Pouch?", T0, votes: 3, version: 2)], [Id(1)]));
        var ticket = board.Vote(Id(1), false)!;
        Assert.Equal(2, board.Find(Id(1))!.Votes);
        Assert.DoesNotContain(Id(1), board.MyVotes);

        board.VoteRefused(ticket);

        Assert.Equal(Question(1, "Pouch?", T0, votes: 3, version: 2), board.Find(Id(1)));
        Assert.Contains(Id(1), board.MyVotes);
        Assert.False(board.IsVoting(Id(1)));
    }

    [Fact]
    public void VoteRefused_AfterANewerCopyCame_KeepsTheNewerCopy()
    {
        var board = new QuestionBoard();
        board.Apply(Question(1, "Pouch?", T0, votes: 3, version: 2));
        var ticket = board.Vote(Id(1), true)!;

        // Two others voted meanwhile: 5 votes, none of them the user's.
        board.Apply(Question(1, "Pouch?", T0, votes: 5, version: 4));
        board.VoteRefused(ticket);

        Assert.Equal(5, board.Find(Id(1))!.Votes);
        Assert.DoesNotContain(Id(1), board.MyVotes);
    }

    [Fact]
    public void ApplyBoard_TakesTheServersVotes()
    {
        var board = new QuestionBoard();
        board.Apply(Question(2, "B", T0));
        board.VoteAnswered(board.Vote(Id(2), true)!, Question(2, "B", T0, votes: 1, version: 2));

        board.Apply(new QuestionBoardDto(ShowId, [Question(1, "A", T0), Question(2, "B", T0, version: 3)], [Id(1)]));

        Assert.Equal([Id(1)], board.MyVotes);
    }

    [Fact]
    public void ApplyBoard_KeepsAVoteOnItsWay()
    {
        var board = new QuestionBoard();
        board.Apply(Question(2, "B", T0));
        board.Vote(Id(2), true);

        board.Apply(new QuestionBoardDto(ShowId, [Question(1, "A", T0), Question(2, "B", T0)], [Id(1)]));

        Assert.Equal([Id(1), Id(2)], board.MyVotes.Order());
        Assert.Equal(1, board.Find(Id(2))!.Votes);
    }

    [Fact]
    public void PendingAndAnswered_FiltersAndLatestAnswerFirst()
    {
        var board = new QuestionBoard();
        board.Apply(Question(1, "Waiting", T0, status: QuestionStatus.Pending, author: Bo));
        board.Apply(Question(2, "Answered first", T0, status: QuestionStatus.Answered, answer: "Yes", answeredAt: T0.AddMinutes(2)));
        board.Apply(Question(3, "Answered aloud later", T0, status: QuestionStatus.Answered, answeredAt: T0.AddMinutes(4)));
        board.Apply(Question(4, "Dismissed", T0, status: QuestionStatus.Dismissed));

        Assert.Equal(["Waiting"], board.Pending.Select(q => q.Text));
        Assert.Equal(["Waiting"], board.PendingBy(Bo).Select(q => q.Text));
        Assert.Empty(board.PendingBy(Ann));
        Assert.Equal(["Answered aloud later", "Answered first"], board.Answered.Select(q => q.Text));
        Assert.Equal("Answered aloud later", board.LatestAnswer!.Text);
        Assert.Empty(board.Open);
    }

    [Fact]
    public void BannerShows_ForTwentySecondsAfterTheAnswer()
    {
        var answered = Question(1, "Pouch?", T0, status: QuestionStatus.Answered, answer: "Yes", answeredAt: T0);

        Assert.True(QuestionBoard.BannerShows(answered, T0.AddSeconds(19.9)));
        Assert.False(QuestionBoard.BannerShows(answered, T0 + Limits.AnswerBannerDuration));
        Assert.False(QuestionBoard.BannerShows(null, T0));
    }
}
