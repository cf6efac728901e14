using LiveShop.Client.Components;
using LiveShop.Client.Components.Sales;
using LiveShop.Client.Features.Claims;
using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using MudBlazor;

namespace LiveShop.Client.Pages.Host;

/// <summary>
/// The host's console: go live and end the show over the live hub, with the state every viewer sees.
/// The server checks role and ownership on every call; the page only hides what would be refused.
/// The host and co-host also see a GMV ticker, loaded once interactive and then kept by the
/// <c>SalesUpdated</c> push. As one of the show's staff, the host sees the top open questions (to answer
/// aloud, then mark answered, or answer in writing) and can delete chat lines or time out their authors.
/// "+1" claims: under each pinned product the host turns claims on or off with the time buyers get to pay, and sees each
/// keyword's counts (room events); the show's claims are listed under the lineup, read after every join and again
/// (at most once a second) when a claims event says the counts moved, and each pushed claim is merged as it comes.
/// </summary>
public sealed partial class HostConsole
{
    /// <summary>Open questions the console shows (the most voted); the desk has them all.</summary>
    private const int ConsoleQuestions = 5;

    private bool _busy;
    private PeriodicTimer? _ticker;
    private SalesSummaryDto? _sales;
    private long _salesPushes;
    private readonly ClaimBoard _claims = new();
    private CoalescedRefresh? _claimsRefresh;

    /// <summary>The show <see cref="_claims"/> belong to.</summary>
    private Guid? _claimsFor;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ApiClient Api { get; set; } = default!;

    private bool IsMine => Detail is not null && UserId == Detail.Host.Id;

    /// <summary>The show's host and co-host see its sales (the server refuses everyone else).</summary>
    private bool CanSeeSales => Detail is not null && UserId is { } me && (me == Detail.Host.Id || me == Detail.CoHost?.Id);

    private string OrdersText => _sales switch
    {
        null => "",
        { Orders: 0 } => T["No orders yet"],
        { Orders: 1 } => T["1 order"],
        { Orders: var n } => T["{0} orders", SalesFormat.Count(n)],
    };

    private bool CanAct => !_busy && ConnectionState == LiveConnectionState.Connected;

    /// <summary>Room actions (pins, flash prices, chat) need the connection and a show that has not ended.</summary>
    private bool CanRun => IsMine && ConnectionState == LiveConnectionState.Connected && State.Status != ShowStatus.Ended;

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
        Live.SalesUpdated += OnSalesUpdatedAsync;
        Live.ClaimUpdated += OnClaimUpdatedAsync;
        State.EventApplied += OnRoomEvent;
        _claimsRefresh = new CoalescedRefresh(LoadClaimsAsync, TimeSpan.FromSeconds(1), Clock);
        await base.OnInitializedAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (_sales is not null && _sales.ShowId != Detail?.Id)
        {
            _sales = null;
        }

        if (_claimsFor != Detail?.Id)
        {
            _claimsFor = Detail?.Id;
            _claims.Clear();
        }
    }

    /// <summary>After every (re)join: the moderation state (the base), and the show's claims (pushes missed meanwhile are lost).</summary>
    protected override async Task OnRoomJoinedAsync()
    {
        await base.OnRoomJoinedAsync();
        _claimsRefresh?.Request();
    }

    protected override async Task OnJoinedAsync()
    {
        _ticker ??= new PeriodicTimer(TimeSpan.FromSeconds(1));
        _ = TickAsync(_ticker);
        await LoadSalesAsync();
    }

    /// <summary>The ticker's first numbers; a push that arrives meanwhile is newer and wins.</summary>
    private async Task LoadSalesAsync()
    {
        if (Detail is not { } show || !CanSeeSales)
        {
            return;
        }

        var pushes = _salesPushes;
        try
        {
            var dashboard = await Api.SalesAsync(show.Id);
            if (pushes == _salesPushes && Detail?.Id == show.Id)
            {
                _sales = dashboard.Summary;
                StateHasChanged();
            }
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            // The ticker stays blank until the first push; the Sales page says what went wrong.
        }
    }

    /// <summary>The show's claims, for its staff (the server refuses everyone else); merged, so a push that came first still wins.</summary>
    private async Task LoadClaimsAsync()
    {
        if (Detail is not { } show || !(CanSeeSales || State.IsStaff))
        {
            return;
        }

        try
        {
            var claims = await Live.GetClaimsAsync();
            await InvokeAsync(() =>
            {
                if (Detail?.Id == show.Id && _claims.Apply(claims))
                {
                    StateHasChanged();
                }
            });
        }
        catch (HubException e)
        {
            await InvokeAsync(() => Snackbar.Add(HubErrors.Sentence(e), Severity.Error, o => o.DuplicatesBehavior = SnackbarDuplicatesBehavior.Prevent));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The link dropped mid-call: the rejoin after the reconnect asks again.
        }
    }

    /// <summary>A claims event means claims were made, released or paid: the list is read again (coalesced).</summary>
    private void OnRoomEvent(RoomEvent roomEvent)
    {
        if (roomEvent is ClaimsChangedEvent)
        {
            _claimsRefresh?.Request();
        }
    }

    /// <summary>A claim moved (held off the waitlist, expired, paid): merged at once, no reload.</summary>
    private Task OnClaimUpdatedAsync(ChatClaimDto claim) => InvokeAsync(() =>
    {
        if (claim.ShowId == Detail?.Id && _claims.Apply(claim))
        {
            StateHasChanged();
        }
    });

    /// <summary>Claims on or off, or another pay time; the answer is the product's new setting (also pushed to the room).</summary>
    private Task SetClaimsAsync(SetChatClaimsRequest request) => RunAsync(
        () => Live.SetChatClaimsAsync(request),
        request.Open ? T["+1 claims are on: viewers type the keyword in the chat to reserve one."] : T["+1 claims are off."]);

    private Task OnSalesUpdatedAsync(SalesSummaryDto summary) => InvokeAsync(() =>
    {
        if (summary.ShowId == Detail?.Id)
        {
            _sales = summary;
            _salesPushes++;
            StateHasChanged();
        }
    });

    private async Task GoLiveAsync() => await RunAsync(Live.GoLiveAsync, T["You are live. Viewers see it now."]);

    private async Task EndShowAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["End the show?"],
            T["Viewers see that the show has ended, and it cannot go live again."],
            yesText: T["End show"],
            cancelText: T["Keep going"]);
        if (confirmed == true)
        {
            await RunAsync(Live.EndShowAsync, T["The show has ended."]);
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

    private Task PinAsync(Guid productId) => RunAsync(() => Live.PinAsync(productId), T["Pinned: viewers see it on screen."]);

    private Task UnpinAsync(Guid productId) => RunAsync(() => Live.UnpinAsync(productId), T["Unpinned."]);

    private Task EndSaleAsync(Guid saleId) => RunAsync(() => Live.EndFlashSaleAsync(saleId), T["The flash price has ended."]);

    private async Task OpenFlashSaleAsync(LineupItemDto item)
    {
        var parameters = new DialogParameters<FlashSaleDialog>
        {
            { d => d.Item, item },
            { d => d.Start, StartFlashSaleAsync },
        };
        await Dialogs.ShowAsync<FlashSaleDialog>(T["Flash price"], parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
    }

    /// <summary>Starts the sale; a refusal goes back to the dialog, which stays open and says why.</summary>
    private async Task<string?> StartFlashSaleAsync(StartFlashSaleRequest request)
    {
        try
        {
            await ApplyAsync(await Live.StartFlashSaleAsync(request));
            Snackbar.Add(T["Flash price is live: viewers see the countdown."], Severity.Success);
            return null;
        }
        catch (HubException e)
        {
            return HubErrors.Sentence(e);
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
        _claimsRefresh?.Dispose();
        Live.SalesUpdated -= OnSalesUpdatedAsync;
        Live.ClaimUpdated -= OnClaimUpdatedAsync;
        State.EventApplied -= OnRoomEvent;
        await base.DisposeAsync();
    }

    /// <summary>The variant count under a lineup row's name, as the viewer's lineup words it (<see cref="VariantPrices.Summary(Shared.Shows.LineupItemDto, Func{int, string})"/>).</summary>
    private string? VariantsLabel(Shared.Shows.LineupItemDto item) => VariantPrices.Summary(item, n => n == 1 ? T["1 option"] : T["{0} options", n]);
}
