using LiveShop.Server.Features.Attribution;
using LiveShop.Shared.Sales;

namespace LiveShop.Server.Tests.Attribution;

public class AttributionMathTests
{
    private static readonly DateTimeOffset OrderAt = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static AttributionTouch Touch(string code, TimeSpan ago) => new(code, OrderAt - ago);

    private static IReadOnlyList<decimal> Split(AttributionModel model, decimal amount, params AttributionTouch[] touches) =>
        AttributionMath.Split(model, amount, touches, OrderAt, Day);

    // --- Examples, one model at a time ---------------------------------------------------------

    [Fact]
    public void Split_LastTouchUnsortedInput_AllToTheLatestInInputOrder()
    {
        var credits = Split(AttributionModel.LastTouch, 120.50m,
            Touch("b", TimeSpan.FromHours(5)), Touch("newest", TimeSpan.FromHours(1)), Touch("a", TimeSpan.FromDays(3)));

        Assert.Equal([0.00m, 120.50m, 0.00m], credits);
    }

    [Fact]
    public void Split_FirstTouchUnsortedInput_AllToTheEarliestInInputOrder()
    {
        var credits = Split(AttributionModel.FirstTouch, 120.50m,
            Touch("b", TimeSpan.FromHours(5)), Touch("newest", TimeSpan.FromHours(1)), Touch("oldest", TimeSpan.FromDays(3)));

        Assert.Equal([0.00m, 0.00m, 120.50m], credits);
    }

    [Fact]
    public void Split_LastTouchTwoAtTheSameInstant_LaterInInputWins()
    {
        var at = TimeSpan.FromHours(2);

        var credits = Split(AttributionModel.LastTouch, 10m, Touch("a", at), Touch("b", at), Touch("old", TimeSpan.FromDays(1)));

        Assert.Equal([0m, 10m, 0m], credits);
    }

    [Fact]
    public void Split_FirstTouchTwoAtTheSameInstant_EarlierInInputWins()
    {
        var at = TimeSpan.FromDays(2);

        var credits = Split(AttributionModel.FirstTouch, 10m, Touch("new", TimeSpan.FromHours(1)), Touch("a", at), Touch("b", at));

        Assert.Equal([0m, 10m, 0m], credits);
    }

    [Fact]
    public void Split_LinearHundredOverThree_LeftoverCentToTheMostRecentTouch()
    {
        // 10,000 cents / 3 = 3,333 each with the same remainder (1/3); the one leftover cent is a tie,
        // which goes to the most recent touch — here the second in the input.
        var credits = Split(AttributionModel.Linear, 100.00m,
            Touch("middle", TimeSpan.FromHours(2)), Touch("newest", TimeSpan.FromHours(1)), Touch("oldest", TimeSpan.FromHours(3)));

        Assert.Equal([33.33m, 33.34m, 33.33m], credits);
    }

    [Fact]
    public void Split_LinearChronologicalInput_LastGetsTheLeftoverCents()
    {
        // 1.00 over 6: 16 cents each with remainder 4/6; the 4 leftover cents go to the 4 most recent.
        var touches = Enumerable.Range(0, 6).Select(i => Touch($"c{i}", TimeSpan.FromHours(6 - i))).ToArray();

        var credits = Split(AttributionModel.Linear, 1.00m, touches);

        Assert.Equal([0.16m, 0.16m, 0.17m, 0.17m, 0.17m, 0.17m], credits);
    }

    [Fact]
    public void Split_TimeDecayTouchOneHalfLifeOld_GetsHalfTheWeightOfATouchAtOrderTime()
    {
        var credits = Split(AttributionModel.TimeDecay, 300.00m, Touch("now", TimeSpan.Zero), Touch("day-old", Day));

        Assert.Equal([200.00m, 100.00m], credits);
    }

    [Fact]
    public void Split_TimeDecayThreeHalfLives_WeightsFourTwoOne()
    {
        // Weights 1, 1/2, 1/4 (input unsorted) -> 4/7, 2/7, 1/7 of 7.00.
        var credits = Split(AttributionModel.TimeDecay, 7.00m,
            Touch("two-days", 2 * Day), Touch("now", TimeSpan.Zero), Touch("one-day", Day));

        Assert.Equal([1.00m, 4.00m, 2.00m], credits);
    }

    [Fact]
    public void Split_TimeDecayTouchAfterTheOrder_CountsAsAgeZero()
    {
        var credits = Split(AttributionModel.TimeDecay, 300.00m, Touch("later", -TimeSpan.FromHours(3)), Touch("day-old", Day));

        Assert.Equal([200.00m, 100.00m], credits);
    }

    [Fact]
    public void Split_TimeDecayAllTouchesThousandsOfHalfLivesOld_StillSplitByRelativeWeight()
    {
        // With a one-minute half-life a week-old touch weighs 2^-10080, which is 0 as a double; the
        // weights are taken relative to the newest touch, so the one a half-life newer still gets 2/3.
        var halfLife = TimeSpan.FromMinutes(1);
        AttributionTouch[] touches = [Touch("older", TimeSpan.FromDays(7) + halfLife), Touch("newer", TimeSpan.FromDays(7))];

        var credits = AttributionMath.Split(AttributionModel.TimeDecay, 300.00m, touches, OrderAt, halfLife);

        Assert.Equal([100.00m, 200.00m], credits);
    }

    [Fact]
    public void Split_TimeDecayTouchesFarOlderThanTheNewest_GetNothing()
    {
        var halfLife = TimeSpan.FromMinutes(1);
        AttributionTouch[] touches = [Touch("week", TimeSpan.FromDays(7)), Touch("hour", TimeSpan.FromHours(1)), Touch("day", Day)];

        var credits = AttributionMath.Split(AttributionModel.TimeDecay, 99_999.99m, touches, OrderAt, halfLife);

        Assert.Equal([0m, 99_999.99m, 0m], credits);
    }

    [Theory]
    [InlineData(AttributionModel.LastTouch)]
    [InlineData(AttributionModel.FirstTouch)]
    [InlineData(AttributionModel.Linear)]
    [InlineData(AttributionModel.TimeDecay)]
    public void Split_SingleTouch_GetsEverything(AttributionModel model)
    {
        var credits = Split(model, 42.42m, Touch("only", TimeSpan.FromDays(6)));

        Assert.Equal([42.42m], credits);
    }

    [Theory]
    [InlineData(AttributionModel.LastTouch)]
    [InlineData(AttributionModel.FirstTouch)]
    [InlineData(AttributionModel.Linear)]
    [InlineData(AttributionModel.TimeDecay)]
    public void Split_ZeroAmount_ZeroForEveryTouch(AttributionModel model)
    {
        var credits = Split(model, 0m, Touch("a", TimeSpan.FromHours(1)), Touch("b", TimeSpan.FromHours(2)));

        Assert.Equal([0m, 0m], credits);
    }

    [Theory]
    [InlineData(AttributionModel.LastTouch)]
    [InlineData(AttributionModel.TimeDecay)]
    public void Split_NoTouches_Empty(AttributionModel model)
    {
        Assert.Empty(Split(model, 10m));
    }

    [Fact]
    public void Split_Credits_CarryTwoDecimals()
    {
        var credits = Split(AttributionModel.Linear, 100m, Touch("a", TimeSpan.FromHours(1)), Touch("b", TimeSpan.FromHours(2)));

        Assert.Equal(["50.00", "50.00"], credits.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.001")]
    public void Split_InvalidAmount_Throws(string amount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Split(AttributionModel.Linear, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Touch("a", TimeSpan.Zero)));
    }

    [Fact]
    public void Split_TimeDecayWithZeroHalfLife_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            AttributionMath.Split(AttributionModel.TimeDecay, 1m, [Touch("a", TimeSpan.Zero)], OrderAt, TimeSpan.Zero));
    }

    // --- Allocate ----------------------------------------------------------------------------

    [Fact]
    public void Allocate_LargestRemainderBeatsRecency()
    {
        // 5 cents by 1:2 -> 1.67 and 3.33 cents; the leftover cent goes to the larger remainder (index 0).
        Assert.Equal([0.02m, 0.03m], AttributionMath.Allocate(0.05m, [1, 2]));
    }

    [Fact]
    public void Allocate_EqualRemainders_LaterIndexWins()
    {
        // 7 cents by 3:1:1 -> 4.2, 1.4, 1.4 cents; one cent left, indexes 1 and 2 tie on .4 -> index 2.
        Assert.Equal([0.04m, 0.01m, 0.02m], AttributionMath.Allocate(0.07m, [3, 1, 1]));
    }

    [Fact]
    public void Allocate_ZeroAndTinyWeights_NeverTakeACent()
    {
        Assert.Equal([0m, 0m, 0.01m, 0m], AttributionMath.Allocate(0.01m, [0, 1e-300, 1, double.Epsilon]));
    }

    [Fact]
    public void Allocate_LargestAmount_SumsExactly()
    {
        var shares = AttributionMath.Allocate(AttributionMath.MaxAmount, [1, 1, 1, 0.3, 1e-9]);

        Assert.Equal(AttributionMath.MaxAmount, shares.Sum());
        Assert.All(shares, s => Assert.True(s >= 0));
    }

    [Fact]
    public void Allocate_NegativeAmount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributionMath.Allocate(-1m, [1]));
    }

    [Fact]
    public void Allocate_ThreeDecimals_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributionMath.Allocate(0.005m, [1]));
    }

    [Fact]
    public void Allocate_AboveMaxAmount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributionMath.Allocate(AttributionMath.MaxAmount + 0.01m, [1]));
    }

    [Fact]
    public void Allocate_AllZeroWeights_Throws()
    {
        Assert.Throws<ArgumentException>(() => AttributionMath.Allocate(1m, [0, 0]));
    }

    [Fact]
    public void Allocate_NoWeights_Throws()
    {
        Assert.Throws<ArgumentException>(() => AttributionMath.Allocate(1m, []));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Allocate_NegativeOrNonFiniteWeight_Throws(double bad)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributionMath.Allocate(1m, [1, bad]));
    }

    // --- Properties over random paths --------------------------------------------------------

    [Fact]
    public void Split_RandomPaths_CreditsAreCentsSummingToTheAmountAndFollowTheModel()
    {
        var random = new Random(20261120);
        var models = Enum.GetValues<AttributionModel>();
        var seen = models.ToDictionary(m => m, _ => 0);

        for (var run = 0; run < 2_000; run++)
        {
            var model = models[random.Next(models.Length)];
            var amount = random.NextInt64(1, 10_000_000) / 100m; // 0.01 .. 99,999.99
            var touches = RandomPath(random);
            var context = $"run {run}: {model} {amount} over [{string.Join(", ", touches.Select(t => (OrderAt - t.At).TotalMinutes))}] min ago";

            var credits = AttributionMath.Split(model, amount, touches, OrderAt, Day);

            Assert.True(credits.Count == touches.Length, context);
            Assert.True(credits.All(c => c >= 0), context);
            Assert.True(credits.All(c => c * 100 == decimal.Truncate(c * 100)), context);
            Assert.True(credits.Sum() == amount, $"{context}: sum {credits.Sum()}");

            switch (model)
            {
                case AttributionModel.LastTouch:
                    AssertAllTo(credits, amount, ExpectedLast(touches), context);
                    break;
                case AttributionModel.FirstTouch:
                    AssertAllTo(credits, amount, ExpectedFirst(touches), context);
                    break;
                case AttributionModel.Linear:
                    Assert.True(credits.Max() - credits.Min() <= 0.01m, $"{context}: {string.Join(", ", credits)}");
                    break;
                case AttributionModel.TimeDecay:
                    for (var i = 0; i < touches.Length; i++)
                    {
                        for (var j = 0; j < touches.Length; j++)
                        {
                            // j older than i never gets more than i, bar one remainder cent.
                            Assert.True(
                                touches[j].At > touches[i].At || credits[j] <= credits[i] + 0.01m,
                                $"{context}: touch {j} ({credits[j]}) is older than touch {i} ({credits[i]})");
                        }
                    }

                    break;
            }

            seen[model]++;
        }

        Assert.All(seen.Values, count => Assert.True(count > 400, $"each model exercised: {string.Join(", ", seen)}"));
    }

    /// <summary>1–20 touches at random minutes within the 7 days before the order; some share an instant.</summary>
    private static AttributionTouch[] RandomPath(Random random)
    {
        var touches = new AttributionTouch[random.Next(1, 21)];
        for (var i = 0; i < touches.Length; i++)
        {
            var sameAsEarlier = i > 0 && random.Next(5) == 0;
            var ago = sameAsEarlier ? OrderAt - touches[random.Next(i)].At : TimeSpan.FromMinutes(random.Next(0, 7 * 24 * 60 + 1));
            touches[i] = Touch($"c{i}", ago);
        }

        return touches;
    }

    private static int ExpectedLast(AttributionTouch[] touches)
    {
        var best = 0;
        for (var i = 1; i < touches.Length; i++)
        {
            if (touches[i].At >= touches[best].At)
            {
                best = i;
            }
        }

        return best;
    }

    private static int ExpectedFirst(AttributionTouch[] touches)
    {
        var best = 0;
        for (var i = 1; i < touches.Length; i++)
        {
            if (touches[i].At < touches[best].At)
            {
                best = i;
            }
        }

        return best;
    }

    private static void AssertAllTo(IReadOnlyList<decimal> credits, decimal amount, int expected, string context)
    {
        for (var i = 0; i < credits.Count; i++)
        {
            Assert.True(credits[i] == (i == expected ? amount : 0m), $"{context}: credit {i} is {credits[i]}, expected all to {expected}");
        }
    }
}
