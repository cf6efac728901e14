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
    private StoreLeaderboardDto? _board;
    private Dictionary<object, int> _ranks = new(ReferenceEqualityComparer.Instance);
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
            // The server's order is the ranking; looked up per row in one step, however long the lists.
            _ranks = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
            foreach (var rows in new IEnumerable<object>[] { board.Stores, board.Staff })
            {
                foreach (var (row, i) in rows.Select((row, i) => (row, i)))
                {
                    _ranks[row] = i + 1;
                }
            }
        }
    }

    /// <summary>Loads the period shown again (after the page changed a store or its staff).</summary>
    public Task ReloadAsync() => Run(LoadAsync);

    private Task ChoosePeriodAsync(int days)
    {
        _days = days;
        return Run(LoadAsync);
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
