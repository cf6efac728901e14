using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Creators;

/// <summary>
/// A brand's creators side by side for the last 7, 30 or 90 days: clicks, visitors, orders, units, GMV and commission
/// (pending and confirmed), what each model would credit them, and the products each sold. Refreshed every
/// <see cref="RefreshEvery"/> while the page is open, so a creator's live show moves the numbers.
/// </summary>
public sealed partial class CreatorResultsPanel : IAsyncDisposable
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _stop = new();
    private BrandCreatorResultsDto? _results;
    private int _days = 30;

    [Parameter, EditorRequired] public Guid ShopId { get; set; }

    /// <summary>Runs a call the page's way (busy flag, the refusal shown at the top).</summary>
    [Parameter, EditorRequired] public Func<Func<Task>, Task<bool>> Run { get; set; } = default!;

    /// <summary>After each refresh, so the page can bring its own lists up to date too (new creators joining).</summary>
    [Parameter] public EventCallback Refreshed { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    [Inject] private IStringLocalizer<HostText> HostT { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await Run(LoadAsync);
        _ = RefreshAsync(_stop.Token);
    }

    private async Task LoadAsync()
    {
        // An answer for a period no longer chosen (a refresh overtaken by a click) is dropped.
        var days = _days;
        var to = TimeProvider.System.GetUtcNow();
        var results = await Api.ShopCreatorResultsAsync(ShopId, to.AddDays(-days), to);
        if (days == _days)
        {
            _results = results;
        }
    }

    private Task ChoosePeriodAsync(int days)
    {
        _days = days;
        return Run(LoadAsync);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await LoadAsync();
                    await InvokeAsync(async () =>
                    {
                        StateHasChanged();
                        await Refreshed.InvokeAsync();
                    });
                }
                catch (Exception e) when (e is ApiException or HttpRequestException or System.Text.Json.JsonException
                    || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // A missed refresh: the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static decimal Credit(ModelCreditsDto credits, AttributionModel model) => model switch
    {
        AttributionModel.FirstTouch => credits.FirstTouch,
        AttributionModel.Linear => credits.Linear,
        AttributionModel.TimeDecay => credits.TimeDecay,
        _ => credits.LastTouch,
    };

    private string Who(string handle) => handle.Length == 0 ? T["A deleted account"] : "@" + handle;

    private string ModelName(AttributionModel model) => model switch
    {
        AttributionModel.FirstTouch => HostT["First touch"],
        AttributionModel.Linear => HostT["Linear"],
        AttributionModel.TimeDecay => HostT["Time decay"],
        _ => HostT["Last touch"],
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
