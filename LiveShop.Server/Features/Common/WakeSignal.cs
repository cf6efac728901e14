namespace LiveShop.Server.Features.Common;

/// <summary>
/// Wakes a background loop that has work queued: any number of <see cref="Set"/> calls before the loop
/// waits again wake it once (the loop then takes everything queued so far).
/// </summary>
public sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>1 while a wake is pending (released and not yet taken by <see cref="WaitAsync"/>).</summary>
    private int _pending;

    public void Set()
    {
        // Only the first Set since the last wake releases: a second Release would throw (the semaphore holds
        // one), and in a chat storm that was a hundred first-chance exceptions a second.
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _signal.Release();
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _signal.WaitAsync(cancellationToken);

        // Cleared before the loop takes its work: a Set from now on wakes it again, and one that came just
        // before is for work the loop is about to take anyway.
        Volatile.Write(ref _pending, 0);
    }

    public void Dispose() => _signal.Dispose();
}
