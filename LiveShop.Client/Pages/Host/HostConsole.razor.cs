using System.Security.Claims;
using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.SignalR;
using MudBlazor;

namespace LiveShop.Client.Pages.Host;

/// <summary>
/// The host's console: go live and end the show over the live hub, with the state every viewer sees.
/// The server checks role and ownership on every call; the page only hides what would be refused.
/// </summary>
public sealed partial class HostConsole
{
    private readonly ShowState _state = new();
    private LiveConnectionState _connectionState = LiveConnectionState.Disconnected;
    private bool _busy;
    private Guid? _userId;
    private PeriodicTimer? _ticker;

    [Inject] private IShowReader Reader { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private LiveShowConnection Live { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The show's id from the URL.</summary>
    [Parameter] public Guid Id { get; set; }

    /// <summary>Loaded during prerender and carried into the interactive page.</summary>
    [PersistentState] public ShowDetailDto? Detail { get; set; }

    private bool IsMine => Detail is not null && _userId == Detail.Host.Id;

    private bool CanAct => !_busy && _connectionState == LiveConnectionState.Connected;

    private string Elapsed
    {
        get
        {
            var since = _state.WentLiveAt is { } start ? Clock.GetUtcNow() + _state.ClockOffset - start : TimeSpan.Zero;
            since = since < TimeSpan.Zero ? TimeSpan.Zero : since;
            return since.TotalHours >= 1 ? since.ToString(@"h\:mm\:ss") : since.ToString(@"m\:ss");
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            _userId = Guid.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
        }

        Detail ??= await Reader.GetAsync(Id);
        if (Detail is null)
        {
            // Answers 404 during prerendering and shows the not-found page.
            Navigation.NotFound();
            return;
        }

        _state.Load(Detail);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || Detail is null || !RendererInfo.IsInteractive)
        {
            return;
        }

        Live.StatusChanged += OnStatusChangedAsync;
        Live.StateChanged += OnConnectionChangedAsync;
        await Live.StartAsync(Detail.Id);
        _ = TickAsync();
    }

    private async Task GoLiveAsync() => await RunAsync(Live.GoLiveAsync, "You are live. Viewers see it now.");

    private async Task EndShowAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "End the show?",
            "Viewers see that the show has ended, and it cannot go live again.",
            yesText: "End show",
            cancelText: "Keep going");
        if (confirmed == true)
        {
            await RunAsync(Live.EndShowAsync, "The show has ended.");
        }
    }

    private async Task RunAsync(Func<Task<ShowStatusChangedDto>> action, string success)
    {
        _busy = true;
        try
        {
            _state.ApplyStatus(await action(), Clock.GetUtcNow());
            Snackbar.Add(success, Severity.Success);
        }
        catch (HubException e)
        {
            Snackbar.Add(HubErrors.Sentence(e), Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Redraws the "live for" clock once a second while the page is open.</summary>
    private async Task TickAsync()
    {
        _ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await _ticker.WaitForNextTickAsync())
        {
            if (_state.Status == ShowStatus.Live)
            {
                await InvokeAsync(StateHasChanged);
            }
        }
    }

    private Task OnStatusChangedAsync(ShowStatusChangedDto change) =>
        _state.ApplyStatus(change, Clock.GetUtcNow()) ? InvokeAsync(StateHasChanged) : Task.CompletedTask;

    private Task OnConnectionChangedAsync(LiveConnectionState state)
    {
        _connectionState = state;
        return InvokeAsync(StateHasChanged);
    }

    public async ValueTask DisposeAsync()
    {
        _ticker?.Dispose();
        Live.StatusChanged -= OnStatusChangedAsync;
        Live.StateChanged -= OnConnectionChangedAsync;
        await Live.DisposeAsync();
    }
}
