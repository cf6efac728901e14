using LiveShop.Shared.Sales;

namespace LiveShop.Server.Features.Attribution;

/// <summary>A touch on a buyer's path: a share link (<see cref="Code"/>) opened at <see cref="At"/>.</summary>
public sealed record AttributionTouch(string Code, DateTimeOffset At);

/// <summary>
/// The attribution models as pure functions: how one order's amount is credited to the touches that
/// led to it. Every credit is a whole number of cents and the credits of an order sum exactly to its
/// amount, so credits summed over any set of orders equal their GMV under every model.
/// </summary>
public static class AttributionMath
{
    /// <summary>
    /// The largest amount accepted: its cents must fit in a <see cref="long"/>.
    /// </summary>
    public static readonly decimal MaxAmount = long.MaxValue / 100m;

    // Weights become integers on this scale (the largest weight is exactly 2^52), so shares and their
    // remainders are computed exactly in Int128 and equal weights always tie exactly.
    private const double WeightScale = 4_503_599_627_370_496d; // 2^52

    /// <summary>
    /// Splits <paramref name="amount"/> among <paramref name="touches"/> under <paramref name="model"/>.
    /// </summary>
    /// <remarks>
    /// <para>Returns one credit per touch, in the order of the input (which need not be sorted by time);
    /// each credit is a non-negative multiple of 0.01 and together they sum exactly to
    /// <paramref name="amount"/>. No touches give an empty list (the caller credits the show directly).</para>
    /// <list type="bullet">
    /// <item><see cref="AttributionModel.LastTouch"/>: everything to the latest touch; of touches at the
    /// same instant, the one later in the input.</item>
    /// <item><see cref="AttributionModel.FirstTouch"/>: everything to the earliest touch; of touches at
    /// the same instant, the one earlier in the input.</item>
    /// <item><see cref="AttributionModel.Linear"/>: equal weights.</item>
    /// <item><see cref="AttributionModel.TimeDecay"/>: weight <c>2^(-age / halfLife)</c> with
    /// <c>age = orderAt - touch.At</c>; a touch after <paramref name="orderAt"/> counts as age 0.</item>
    /// </list>
    /// <para>Every model is a set of weights over the touches sorted by time (then by input order) handed
    /// to <see cref="Allocate"/>, so a leftover cent that ties goes to the more recent touch.</para>
    /// </remarks>
    /// <param name="halfLife">Time-decay half-life; must be positive when <paramref name="model"/> is
    /// <see cref="AttributionModel.TimeDecay"/> (unused by the other models).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative, has more than
    /// two decimals or exceeds <see cref="MaxAmount"/>; or time decay with a half-life that is not positive.</exception>
    public static IReadOnlyList<decimal> Split(
        AttributionModel model,
        decimal amount,
        IReadOnlyList<AttributionTouch> touches,
        DateTimeOffset orderAt,
        TimeSpan halfLife)
    {
        ArgumentNullException.ThrowIfNull(touches);
        var cents = ToCents(amount);
        if (model == AttributionModel.TimeDecay)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(halfLife, TimeSpan.Zero);
        }

        if (touches.Count == 0)
        {
            return [];
        }

        // Positions in the input, oldest first; OrderBy is stable, so touches at the same instant keep input order.
        var byTime = Enumerable.Range(0, touches.Count).OrderBy(i => touches[i].At).ToArray();

        // Weights in time order. First and last touch are a single positive weight, which takes everything.
        var weights = model switch
        {
            AttributionModel.LastTouch => byTime.Select((_, k) => k == byTime.Length - 1 ? 1d : 0d).ToArray(),
            AttributionModel.FirstTouch => byTime.Select((_, k) => k == 0 ? 1d : 0d).ToArray(),
            AttributionModel.Linear => byTime.Select(_ => 1d).ToArray(),
            AttributionModel.TimeDecay => DecayWeights([.. byTime.Select(i => touches[i].At)], orderAt, halfLife),
        };

        var sortedCents = AllocateCents(cents, weights);
        var credits = new decimal[touches.Count];
        for (var k = 0; k < byTime.Length; k++)
        {
            credits[byTime[k]] = FromCents(sortedCents[k]);
        }

        return credits;
    }

    /// <summary>
    /// Largest-remainder (Hamilton) allocation of <paramref name="amount"/>, in cents, in proportion to
    /// <paramref name="weights"/>.
    /// </summary>
    /// <remarks>
    /// Each share <c>amount × weight / Σweights</c> is floored to the cent; the cents left over (fewer
    /// than the number of weights) go one each to the shares with the largest fractional remainders.
    /// Equal remainders are broken in favour of the later index — for touches sorted by time, the more
    /// recent one. A zero weight never receives a cent. The result sums exactly to
    /// <paramref name="amount"/>, every share is a non-negative multiple of 0.01.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative, has more than
    /// two decimals or exceeds <see cref="MaxAmount"/>; or a weight is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">No weight is positive (including no weights at all).</exception>
    public static IReadOnlyList<decimal> Allocate(decimal amount, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var cents = ToCents(amount);
        return [.. AllocateCents(cents, weights).Select(FromCents)];
    }

    /// <summary>
    /// <c>2^(-age / halfLife)</c> for each time, divided by the newest touch's weight. Computed from the
    /// exponents, so touches many half-lives old keep their relative weights instead of all
    /// underflowing to zero; the largest weight is exactly 1.
    /// </summary>
    private static double[] DecayWeights(DateTimeOffset[] times, DateTimeOffset orderAt, TimeSpan halfLife)
    {
        var exponents = times
            .Select(at => at >= orderAt ? 0d : -(double)(orderAt - at).Ticks / halfLife.Ticks)
            .ToArray();
        var newest = exponents.Max();
        return [.. exponents.Select(e => Math.Pow(2, e - newest))];
    }

    private static long[] AllocateCents(long cents, IReadOnlyList<double> weights)
    {
        var max = 0d;
        for (var i = 0; i < weights.Count; i++)
        {
            var w = weights[i];
            if (double.IsNaN(w) || double.IsInfinity(w) || w < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"Weight {i} must be a finite number >= 0.");
            }

            max = Math.Max(max, w);
        }

        if (max <= 0)
        {
            throw new ArgumentException("At least one weight must be greater than zero.", nameof(weights));
        }

        // Integer weights: the largest is 2^52, a weight too small to register becomes 0.
        var scaled = new long[weights.Count];
        Int128 total = 0;
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = (long)Math.Round(weights[i] / max * WeightScale);
            total += scaled[i];
        }

        // share_i = cents × scaled_i / total, exactly: the floor in cents and the remainder (numerator mod total).
        var shares = new long[scaled.Length];
        var remainders = new Int128[scaled.Length];
        long given = 0;
        for (var i = 0; i < scaled.Length; i++)
        {
            var numerator = (Int128)cents * scaled[i];
            shares[i] = (long)(numerator / total);
            remainders[i] = numerator % total;
            given += shares[i];
        }

        // leftover = Σ remainders / total and each remainder < total, so there are fewer leftover cents
        // than shares with a non-zero remainder: a zero weight never gets one.
        var leftover = cents - given;
        var byRemainder = Enumerable.Range(0, scaled.Length)
            .OrderByDescending(i => remainders[i])
            .ThenByDescending(i => i);
        foreach (var i in byRemainder.Take((int)leftover))
        {
            shares[i]++;
        }

        return shares;
    }

    private static long ToCents(decimal amount)
    {
        if (amount < 0 || amount > MaxAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"The amount must be between 0 and {MaxAmount}.");
        }

        var cents = amount * 100;
        if (cents != decimal.Truncate(cents))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The amount must have at most two decimals.");
        }

        return (long)cents;
    }

    /// <summary>The amount with exactly two decimals (so 100 reads back as 100.00).</summary>
    private static decimal FromCents(long cents) => new((int)(uint)cents, (int)(cents >> 32), 0, isNegative: false, scale: 2);
}
