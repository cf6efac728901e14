using System.Security.Claims;
using LiveShop.Client.Services;
using LiveShop.Shared.Realtime;
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
    private bool _busy;
    private Guid? _userId;
    private PeriodicTimer? _ticker;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private bool IsMine => Detail is not null && _userId == Detail.Host.Id;

    private bool CanAct => !_busy && ConnectionState == LiveConnectionState.Connected;

    private string Elapsed
    {
        get
        {
            var since = State.WentLiveAt is { } start ? Clock.GetUtcNow() + State.ClockOffset - start : TimeSpan.Zero;
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
    }

    protected override Task OnJoinedAsync()
    {
        _ticker ??= new PeriodicTimer(TimeSpan.FromSeconds(1));
        _ = TickAsync(_ticker);
        return Task.CompletedTask;
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

    private async Task RunAsync<T>(Func<Task<T>> action, string success)
        where T : RoomEvent
    {
        _busy = true;
        try
        {
            await ApplyAsync(await action());
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
    private async Task TickAsync(PeriodicTimer ticker)
    {
        while (await ticker.WaitForNextTickAsync())
        {
            if (State.Status == ShowStatus.Live)
            {
                await InvokeAsync(StateHasChanged);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _ticker?.Dispose();
        await base.DisposeAsync();
    }
}
