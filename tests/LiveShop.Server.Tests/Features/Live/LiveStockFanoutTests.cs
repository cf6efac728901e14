using LiveShop.Server.Features.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Server.Tests.Features.Live;

/// <summary>
/// The stock fan-out outlives a failed round: whatever one product's round throws while the server keeps
/// running (a cancellation that is not the host stopping included) is logged, and the next change still
/// goes out to the other shows.
/// </summary>
public class LiveStockFanoutTests
{
    [Fact]
    public async Task ACancellationThatIsNotTheHostStopping_IsLogged_AndTheNextStockChangeStillGoesOut()
    {
        var scopes = new FailingScopes();
        var logger = new ErrorLog();
        using var fanout = new StockFanout(scopes, logger);
        await fanout.StartAsync(CancellationToken.None);
        try
        {
            // The first round is cancelled by something other than the host stopping (a timed-out wait, say).
            fanout.Changed(Guid.NewGuid(), [Guid.NewGuid()]);
            await scopes.WaitForRoundsAsync(1);

            // The next change still gets its round: the fan-out did not stop.
            fanout.Changed(Guid.NewGuid(), [Guid.NewGuid()]);
            await scopes.WaitForRoundsAsync(2);
            Assert.False(fanout.ExecuteTask!.IsCompleted);
            Assert.Contains(logger.Errors, e => e is OperationCanceledException);
        }
        finally
        {
            await fanout.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Each round asks for a scope: the first is cancelled by an unrelated token, the later ones find the database unavailable.</summary>
    private sealed class FailingScopes : IServiceScopeFactory
    {
        private int _rounds;

        public IServiceScope CreateScope()
        {
            var round = Interlocked.Increment(ref _rounds);
            throw round == 1
                ? new OperationCanceledException("A wait elsewhere was cancelled.", new CancellationToken(canceled: true))
                : new InvalidOperationException("The database is unavailable.");
        }

        public async Task WaitForRoundsAsync(int rounds)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (Volatile.Read(ref _rounds) < rounds)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The fan-out ran {Volatile.Read(ref _rounds)} round(s), expected {rounds}.");
                await Task.Delay(20);
            }
        }
    }

    /// <summary>The exceptions logged as errors.</summary>
    private sealed class ErrorLog : ILogger<StockFanout>
    {
        private readonly List<Exception> _errors = [];

        public IReadOnlyList<Exception> Errors
        {
            get
            {
                lock (_errors)
                {
                    return [.. _errors];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                lock (_errors)
                {
                    _errors.Add(exception);
                }
            }
        }
    }
}
