using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.JSInterop;

namespace LiveShop.Client.Services;

/// <summary>
/// Coming back the moment the device does. SignalR's automatic reconnect only knows its own timetable
/// (<see cref="ReconnectDelays"/>): a phone whose network returned during a 5 s wait would sit it out. The
/// browser knows better — its <c>online</c> event, and the page turning visible again (a phone waking up) —
/// so when either comes while the link is down, the waiting reconnect is stopped and a new attempt starts at
/// once, then the page rejoins with its last sequence (as after an automatic reconnect) and gets what it
/// missed. After the device was offline the link is renewed even if it still looks connected: a socket
/// over a network that went away is usually dead long before SignalR's 30 s timeout says so.
/// </summary>
public sealed partial class LiveShowConnection
{
    private const string NetworkModule = "./js/network-return.js";

    private readonly ReconnectDelays _delays = new();
    private IJSObjectReference? _networkModule;
    private IJSObjectReference? _networkWatch;
    private DotNetObjectReference<NetworkListener>? _networkListener;
    private TaskCompletionSource _nudge = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _comingBack;
    private bool _disposed;

    /// <summary>True while this class itself stops and restarts the link (its Closed event is then no news).</summary>
    private bool ComingBack => Volatile.Read(ref _comingBack) == 1;

    /// <summary>The device is back: the network returned (<paramref name="wentOffline"/>: it had gone), or the page is visible again.</summary>
    /// <param name="why">"online" or "visible".</param>
    /// <param name="wentOffline">Whether the browser said it was offline before this.</param>
    internal async Task NetworkReturnedAsync(string why, bool wentOffline)
    {
        if (_connection is not { } connection || _disposed)
        {
            return;
        }

        var suspect = why == "online" && wentOffline;
        if (connection.State == HubConnectionState.Connecting || (connection.State == HubConnectionState.Connected && !suspect))
        {
            return;
        }

        if (Interlocked.Exchange(ref _comingBack, 1) == 1)
        {
            // Already coming back: cut its wait short.
            _nudge.TrySetResult();
            return;
        }

        try
        {
            await ComeBackAsync(connection);
        }
        finally
        {
            Volatile.Write(ref _comingBack, 0);
        }
    }

    private async Task ComeBackAsync(HubConnection connection)
    {
        await SetStateAsync(LiveConnectionState.Reconnecting);

        // Ends the automatic reconnect and its wait; the link is started again right here.
        await connection.StopAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _nudge = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await connection.StartAsync();
                break;
            }
            catch (Exception) when (!_disposed)
            {
                // Not reachable yet (the network came back slowly): wait as the automatic reconnect would, or until the browser says again.
                await Task.WhenAny(Task.Delay(_delays.Delay(attempt), clock), _nudge.Task);
            }

            if (_disposed)
            {
                return;
            }
        }

        if (_showId != Guid.Empty)
        {
            await JoinAsync();
        }
        else
        {
            await SetStateAsync(LiveConnectionState.Connected);
        }
    }

    private async Task WatchNetworkAsync()
    {
        if (js is null || _networkWatch is not null)
        {
            return;
        }

        try
        {
            _networkListener ??= DotNetObjectReference.Create(new NetworkListener(this));
            _networkModule ??= await js.InvokeAsync<IJSObjectReference>("import", NetworkModule);
            _networkWatch = await _networkModule.InvokeAsync<IJSObjectReference>("watch", _networkListener);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException)
        {
            // No browser to ask (prerendering, tests): the retry delays alone bring the link back.
        }
    }

    private async Task UnwatchNetworkAsync()
    {
        _disposed = true;
        _nudge.TrySetResult();
        try
        {
            if (_networkWatch is not null && _networkModule is not null)
            {
                await _networkModule.InvokeVoidAsync("unwatch", _networkWatch);
                await _networkWatch.DisposeAsync();
            }

            if (_networkModule is not null)
            {
                await _networkModule.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is going away: so are its listeners.
        }

        _networkWatch = null;
        _networkModule = null;
        _networkListener?.Dispose();
        _networkListener = null;
    }

    /// <summary>What the script calls; kept apart so the connection's own surface has nothing script-callable.</summary>
    private sealed class NetworkListener(LiveShowConnection owner)
    {
        [JSInvokable]
        public Task NetworkReturnedAsync(string why, bool wentOffline) => owner.NetworkReturnedAsync(why, wentOffline);
    }
}
