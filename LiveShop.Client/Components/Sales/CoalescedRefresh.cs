namespace LiveShop.Client.Components.Sales;

/// <summary>
/// Runs a refresh when asked, at most once per interval: requests that arrive while one runs or
/// waits fold into a single further run. Push, never poll — this only rate-limits the reaction to pushes.
/// </summary>
public sealed class CoalescedRefresh(Func<Task> refresh, TimeSpan interval, TimeProvider clock) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;
    private bool _requested;
    private Task _loop = Task.CompletedTask;

    /// <summary>The refresh running or waiting to run (completed when idle).</summary>
    public Task Idle => _loop;

    /// <summary>Asks for a refresh; the caller never waits for it.</summary>
    public void Request()
    {
        _requested = true;
        if (_loop.IsCompleted && !_stop.IsCancellationRequested)
        {
            _loop = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        while (_requested && !_stop.IsCancellationRequested)
        {
            var wait = _lastRun == DateTimeOffset.MinValue ? TimeSpan.Zero : _lastRun + interval - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, clock, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            _requested = false;
            _lastRun = clock.GetUtcNow();
            await refresh();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
