using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Client.Services;

/// <summary>Where the page's link to the live room stands.</summary>
public enum LiveConnectionState
{
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
}

/// <summary>
/// One page's connection to <c>/hubs/live</c>, joined to one show. Reconnects by itself and re-joins
/// the show after every reconnect, so the page catches up with what it missed. Start it only once the
/// component is interactive (never during prerender).
/// </summary>
public sealed class LiveShowConnection(NavigationManager navigation) : IAsyncDisposable
{
    private HubConnection? _connection;
    private Guid _showId;

    public LiveConnectionState State { get; private set; } = LiveConnectionState.Disconnected;

    /// <summary>Raised on pushes and on the state returned when (re)joining.</summary>
    public event Func<ShowStatusChangedDto, Task>? StatusChanged;

    public event Func<LiveConnectionState, Task>? StateChanged;

    /// <summary>Connects (once) and joins the show; called again with another show, it leaves the first.</summary>
    public async Task StartAsync(Guid showId)
    {
        if (_connection is not null)
        {
            if (_showId != showId)
            {
                await Hub.InvokeAsync(nameof(ILiveShowHub.LeaveShow), _showId);
                _showId = showId;
                await JoinAsync();
            }

            return;
        }

        _showId = showId;
        _connection = new HubConnectionBuilder()
            .WithUrl(navigation.ToAbsoluteUri(HubRoutes.Live))
            .WithAutomaticReconnect(new ForeverRetryPolicy())
            .Build();
        _connection.On<ShowStatusChangedDto>(nameof(ILiveShowClient.ShowStatusChanged), change => RaiseAsync(StatusChanged, change));
        _connection.Reconnecting += _ => SetStateAsync(LiveConnectionState.Reconnecting);
        _connection.Reconnected += async _ => await JoinAsync();
        _connection.Closed += _ => SetStateAsync(LiveConnectionState.Disconnected);

        await SetStateAsync(LiveConnectionState.Connecting);
        await _connection.StartAsync();
        await JoinAsync();
    }

    public Task<ShowStatusChangedDto> GoLiveAsync() => Hub.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.GoLive), _showId);

    public Task<ShowStatusChangedDto> EndShowAsync() => Hub.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.EndShow), _showId);

    private HubConnection Hub => _connection ?? throw new InvalidOperationException("The live connection has not started.");

    private async Task JoinAsync()
    {
        var current = await Hub.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.JoinShow), _showId);
        await SetStateAsync(LiveConnectionState.Connected);
        await RaiseAsync(StatusChanged, current);
    }

    private Task SetStateAsync(LiveConnectionState state)
    {
        State = state;
        return RaiseAsync(StateChanged, state);
    }

    private static async Task RaiseAsync<T>(Func<T, Task>? handlers, T value)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<T, Task>>())
        {
            await handler(value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>0, 1, 2, 5 s, then every 10 s: a phone that lost the network comes back by itself.</summary>
    private sealed class ForeverRetryPolicy : IRetryPolicy
    {
        private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.PreviousRetryCount < Delays.Length ? Delays[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(10);
    }
}
