using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Client.Services;

/// <summary>
/// How long the live connection waits before each attempt to come back: at once, then 0.5, 1, 2 and 5 s, then
/// every 10 s for ever. Every wait but the first is moved by up to ±<see cref="Jitter"/> so that a room of phones
/// dropped by one server restart does not come back in one wave. The browser's <c>online</c> event cuts any
/// wait short (<c>LiveShowConnection.NetworkReturn.cs</c>), so the long waits only matter while the device
/// believes it is online.
/// </summary>
/// <param name="random">A number in [0, 1) per wait (tests pass their own; default <see cref="Random.Shared"/>).</param>
internal sealed class ReconnectDelays(Func<double>? random = null) : IRetryPolicy
{
    /// <summary>The share of a wait it may be moved by, either way.</summary>
    public const double Jitter = 0.2;

    /// <summary>The wait once the first steps are used up.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan[] Steps =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    /// <summary>Never null: the connection keeps trying for as long as the page is open.</summary>
    public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay(retryContext.PreviousRetryCount);

    /// <summary>The wait before the attempt that follows <paramref name="previousAttempts"/> failed ones.</summary>
    public TimeSpan Delay(long previousAttempts)
    {
        var step = previousAttempts < Steps.Length ? Steps[previousAttempts] : Longest;
        return step == TimeSpan.Zero ? step : step * (1 + (Jitter * ((2 * _random()) - 1)));
    }
}
