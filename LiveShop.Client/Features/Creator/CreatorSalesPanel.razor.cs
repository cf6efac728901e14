using System.Globalization;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace LiveShop.Client.Features.Creator;

/// <summary>
/// The creator's selling: pick an approved brand's show (and, optionally, one product opened to them) and make a share
/// link; then their results for the last 7, 30 or 90 days — per brand, link, product and show — refreshed every
/// <see cref="RefreshEvery"/> while the page is open, so a live show's orders appear without reloading; and the CSV.
/// </summary>
public sealed partial class CreatorSalesPanel : IAsyncDisposable
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _stop = new();
    private List<CreatorShowDto> _shows = [];
    private CreatorResultsDto? _results;
    private DateTimeOffset _updated;
    private Guid _showId;
    private Guid _productId;
    private int _days = 30;
    private bool _creating;
    private List<CreatorStatementDto>? _statements;
    private string _month = Months.First();

    private static IReadOnlyList<string> Months => StatementMonths.Recent();

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private static TimeProvider Clock => TimeProvider.System;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    /// <summary>Runs a call the page's way (busy flag, the refusal shown at the top); returns whether it succeeded.</summary>
    [Parameter, EditorRequired] public Func<Func<Task>, Task<bool>> Run { get; set; } = default!;

    /// <summary>A call of the page is running: Make my link waits.</summary>
    [Parameter] public bool Busy { get; set; }

    private CreatorShowDto? Chosen => _shows.FirstOrDefault(s => s.ShowId == _showId);

    private string CsvUrl => ApiClient.CreatorResultsCsvUrl(_from, _to);

    private DateTimeOffset _from;
    private DateTimeOffset _to;

    protected override async Task OnInitializedAsync()
    {
        await Run(async () =>
        {
            _shows = await Api.CreatorShowsAsync();
            _showId = _shows.FirstOrDefault(s => s.Status == ShowStatus.Live)?.ShowId ?? _shows.FirstOrDefault()?.ShowId ?? Guid.Empty;
            await LoadResultsAsync();
            _statements = await Api.CreatorStatementsAsync(_month);
        });
        _ = RefreshAsync(_stop.Token);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshEvery, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await LoadResultsAsync();
                    await InvokeAsync(StateHasChanged);
                }
                catch (Exception e) when (e is ApiException or HttpRequestException or System.Text.Json.JsonException
                    || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // A missed refresh: the next tick tries again; the numbers on screen stay with their time.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Loads the chosen period; an answer for a period no longer chosen (a refresh overtaken by a click) is dropped.</summary>
    private async Task LoadResultsAsync()
    {
        var days = _days;
        var to = Clock.GetUtcNow();
        var results = await Api.CreatorResultsAsync(to.AddDays(-days), to);
        if (days == _days)
        {
            (_from, _to, _results, _updated) = (to.AddDays(-days), to, results, to);
        }
    }

    private Task ChooseMonthAsync(string month)
    {
        _month = month;
        return Run(async () => _statements = await Api.CreatorStatementsAsync(month));
    }

    private void ChooseShow(Guid showId)
    {
        _showId = showId;
        _productId = Guid.Empty;
    }

    private Task ChoosePeriodAsync(int days)
    {
        _days = days;
        return Run(LoadResultsAsync);
    }

    private async Task CreateLinkAsync()
    {
        if (Chosen is not { } show || _creating)
        {
            return;
        }

        _creating = true;
        CreatorLinkResultDto? link = null;
        if (await Run(async () =>
        {
            link = await Api.CreateCreatorLinkAsync(new CreatorLinkRequest(show.ShowId, _productId == Guid.Empty ? null : _productId));
            await LoadResultsAsync();
        }) && link is not null)
        {
            await CopyAsync(PublicUrl(link));
        }

        _creating = false;
    }

    private string PublicUrl(CreatorLinkResultDto link) => Navigation.ToAbsoluteUri(link.Url.TrimStart('/')).ToString();

    private Task CopyAsync(string url) => Js.CopyLinkAsync(Snackbar, T, url);

    private static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.CurrentCulture) + " %";

    private string StatusText(ShowStatus status) => status switch
    {
        ShowStatus.Live => T["Live now"],
        ShowStatus.Scheduled => T["Scheduled"],
        _ => T["Replay"],
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
