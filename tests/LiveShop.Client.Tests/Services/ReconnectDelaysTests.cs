using LiveShop.Client.Services;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Client.Tests.Services;

public sealed class ReconnectDelaysTests
{
    private static TimeSpan? Next(ReconnectDelays delays, long previousRetries) =>
        delays.NextRetryDelay(new RetryContext { PreviousRetryCount = previousRetries, ElapsedTime = TimeSpan.Zero });

    [Fact]
    public void NextRetryDelay_NoJitter_TriesAtOnceThenHalfSecondOneTwoFiveThenEveryTen()
    {
        var delays = new ReconnectDelays(() => 0.5);

        var waits = Enumerable.Range(0, 8).Select(i => Next(delays, i)).ToList();

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5),
             TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)],
            waits);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.999)]
    public void NextRetryDelay_Jitter_StaysWithinAFifthAndFirstTryIsImmediate(double random)
    {
        var delays = new ReconnectDelays(() => random);

        Assert.Equal(TimeSpan.Zero, Next(delays, 0));
        Assert.InRange(Next(delays, 1)!.Value, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(600));
        Assert.InRange(Next(delays, 4)!.Value, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
        Assert.InRange(Next(delays, 50)!.Value, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void NextRetryDelay_Jitter_SpreadsAWaveOfPhones()
    {
        var values = new Queue<double>([0.1, 0.9]);
        var delays = new ReconnectDelays(() => values.Dequeue());

        Assert.NotEqual(Next(delays, 3), Next(delays, 3));
    }

    [Fact]
    public void NextRetryDelay_AfterAThousandFailures_StillRetries()
    {
        var delays = new ReconnectDelays();

        Assert.NotNull(Next(delays, 1_000));
    }
}
