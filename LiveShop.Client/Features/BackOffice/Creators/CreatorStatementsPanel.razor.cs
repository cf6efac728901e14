using System.Globalization;
using LiveShop.Client.Components;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Creators;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Creators;

/// <summary>
/// A brand's monthly statements (this month and the eleven before it): per creator, the month's orders, GMV,
/// commission pending and confirmed, paid and due; Mark paid records what is due as paid now.
/// </summary>
public sealed partial class CreatorStatementsPanel
{
    private List<CreatorStatementDto>? _statements;
    private string _month = "";

    [Parameter, EditorRequired] public Guid ShopId { get; set; }

    /// <summary>Runs a call the page's way (busy flag, the refusal shown at the top).</summary>
    [Parameter, EditorRequired] public Func<Func<Task>, Task<bool>> Run { get; set; } = default!;

    /// <summary>A call of the page is running: Mark paid waits (no double payout from a double click).</summary>
    [Parameter] public bool Busy { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private static IReadOnlyList<string> Months => StatementMonths.Recent();

    protected override async Task OnInitializedAsync()
    {
        _month = Months.First();
        await Run(LoadAsync);
    }

    private async Task LoadAsync() => _statements = await Api.ShopCreatorStatementsAsync(ShopId, _month);

    private Task ChooseMonthAsync(string month)
    {
        _month = month;
        return Run(LoadAsync);
    }

    private Task MarkPaidAsync(CreatorStatementDto statement) => Run(async () =>
    {
        var paid = await Api.MarkCreatorStatementPaidAsync(ShopId, statement.CreatorId, new MarkStatementPaidRequest(statement.Month, statement.Currency, statement.Due));
        Snackbar.Add(T["Marked {0} paid.", Money.Format(paid.Paid - statement.Paid, paid.Currency)], Severity.Success);
        await LoadAsync();
    });
}
