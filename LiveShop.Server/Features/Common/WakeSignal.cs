namespace LiveShop.Server.Features.Common;

/// <summary>
/// Wakes a background loop that has work queued: any number of <see cref="Set"/> calls before the loop
/// waits again wake it once (the loop then takes everything queued so far).
/// </summary>
public sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Set()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already set: the loop picks this work up with the rest.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _signal.WaitAsync(cancellationToken);

    public void Dispose() => _signal.Dispose();
}
