using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Stores;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Stores;

/// <summary>
/// The store leaderboard for the last 7, 30 or 90 days: stores ranked by the GMV their staff's links brought (under the
/// platform's model), the staff ranked, and what each model would credit each store.
/// </summary>
public sealed partial class StoreLeaderboardPanel
{
    private static readonly int[] Periods = [7, 30, 90];

    private StoreLeaderboardDto? _board;
    private int _days = 30;

    [Parameter, EditorRequired] public Guid ShopId { get; set; }

    /// <summary>Runs a call the page's way (busy flag, the refusal shown at the top).</summary>
    [Parameter, EditorRequired] public Func<Func<Task>, Task<bool>> Run { get; set; } = default!;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override Task OnInitializedAsync() => Run(LoadAsync);

    private async Task LoadAsync()
    {
        // An answer for a period no longer chosen (overtaken by another click) is dropped.
        var days = _days;
        var to = Clock.GetUtcNow();
        var board = await Api.StoreLeaderboardAsync(ShopId, to.AddDays(-days), to);
        if (days == _days)
        {
            _board = board;
        }
    }

    private Task ChoosePeriodAsync(int days)
    {
        _days = days;
        return Run(LoadAsync);
    }

    /// <summary>The row's place in the server's ranking, from 1.</summary>
    private static int Rank<TRow>(IReadOnlyList<TRow> rows, TRow row)
        where TRow : class
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (ReferenceEquals(rows[i], row))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static decimal Credit(ModelCreditsDto credits, AttributionModel model) => model switch
    {
        AttributionModel.LastTouch => credits.LastTouch,
        AttributionModel.FirstTouch => credits.FirstTouch,
        AttributionModel.Linear => credits.Linear,
        AttributionModel.TimeDecay => credits.TimeDecay,
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };
}
