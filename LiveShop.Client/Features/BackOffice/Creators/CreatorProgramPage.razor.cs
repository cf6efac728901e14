using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Creators;

/// <summary>
/// A brand's creator program (owners and managers): open it or not, approve each creator or take anyone, the
/// commission and the attribution window; the creators who joined or asked, with approve, pause, decline and remove.
/// Refusals show the server's sentence.
/// </summary>
public sealed partial class CreatorProgramPage
{
    private ShopRole? _role;
    private ProgramForm? _form;
    private List<ProgramCreatorDto>? _creators;
    private CreatorProgramDto? _program;
    private List<ShopProductDto>? _catalog;
    private bool _busy;
    private string? _error;

    [Parameter] public Guid ShopId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private async Task OnShopLoadedAsync(MyShopDto shop)
    {
        _role = shop.Role;
        _form = null;
        _creators = null;
        if (ShopPermissions.CanManageCreators(shop.Role))
        {
            await RunAsync(async () =>
            {
                _program = await Api.ShopCreatorProgramAsync(ShopId);
                _form = ProgramForm.From(_program);
                _creators = await Api.ShopCreatorsAsync(ShopId);
                if (!_program.AllProducts)
                {
                    await LoadCatalogAsync();
                }
            });
        }
    }

    private Task SaveAsync() => RunAsync(async () =>
    {
        _program = await Api.SaveShopCreatorProgramAsync(ShopId, new CreatorProgramRequest(
            _form!.IsOpen, _form.Approval, Fraction(_form.RatePercent), _form.WindowDays, _form.AllProducts,
            _form.AllProducts ? [] : [.. _form.Chosen.Where(c => c.Value.Open).Select(c => new ProgramProductDto(c.Key, c.Value.RatePercent is { } own ? Fraction(own) : null))]));
        _form = ProgramForm.From(_program);
        Snackbar.Add(T["Program saved."], Severity.Success);
    });

    /// <summary>Choosing products one by one needs the catalog: its active products, up to the program's limit.</summary>
    private async Task SetAllProductsAsync(bool all)
    {
        _form!.AllProducts = all;
        if (!all && _catalog is null)
        {
            await RunAsync(LoadCatalogAsync);
        }
    }

    private async Task LoadCatalogAsync()
    {
        List<ShopProductDto> products = [];
        for (var page = 0; products.Count < 500; page++)
        {
            var batch = await Api.ShopProductsAsync(ShopId, new ShopProductQuery(Page: page, PageSize: 100));
            products.AddRange(batch.Items);
            if (batch.Items.Count < 100 || products.Count >= batch.Total)
            {
                break;
            }
        }

        _catalog = products;
    }

    /// <summary>A percentage typed in the form as the server's fraction, to its 0.01 % step.</summary>
    private static decimal Fraction(decimal percent) => decimal.Round(percent / 100m, 4, MidpointRounding.AwayFromZero);

    private Task DecideAsync(ProgramCreatorDto creator, CreatorStatus status) => RunAsync(async () =>
    {
        var decided = await Api.DecideShopCreatorAsync(ShopId, creator.CreatorId, new ProgramCreatorRequest(status, creator.RateOverride));
        _creators = [.. _creators!.Select(c => c.CreatorId == decided.CreatorId ? decided : c)];
    });

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        _error = await ApiAction.RunAsync(action, T["We could not reach LiveShop. Try again in a moment."]);
        _busy = false;
    }

    /// <summary>The creators list again, quietly (the results panel refreshed): a creator who joined since shows up.</summary>
    private async Task ReloadCreatorsAsync()
    {
        try
        {
            _creators = await Api.ShopCreatorsAsync(ShopId);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            // The list on screen stays; the next refresh tries again.
        }
    }

    /// <summary>The results panel's calls, run the page's way; true when nothing was refused.</summary>
    private async Task<bool> TryAsync(Func<Task> action)
    {
        await RunAsync(action);
        StateHasChanged();
        return _error is null;
    }

    /// <summary>What the brand can do next with a creator in each status.</summary>
    private IEnumerable<(CreatorStatus Status, string Label)> Actions(CreatorStatus status) => status switch
    {
        CreatorStatus.Pending => [(CreatorStatus.Approved, T["Approve"]), (CreatorStatus.Declined, T["Decline"])],
        CreatorStatus.Approved => [(CreatorStatus.Paused, T["Pause"]), (CreatorStatus.Removed, T["Remove"])],
        CreatorStatus.Paused => [(CreatorStatus.Approved, T["Resume"]), (CreatorStatus.Removed, T["Remove"])],
        CreatorStatus.Declined or CreatorStatus.Removed => [(CreatorStatus.Approved, T["Approve"])],
        _ => [],
    };

    private static Color StatusColor(CreatorStatus status) => status switch
    {
        CreatorStatus.Approved => Color.Success,
        CreatorStatus.Pending => Color.Warning,
        CreatorStatus.Paused => Color.Info,
        _ => Color.Default,
    };

    private string StatusText(CreatorStatus status) => status switch
    {
        CreatorStatus.Pending => T["Waiting for you"],
        CreatorStatus.Approved => T["Approved"],
        CreatorStatus.Paused => T["Paused"],
        CreatorStatus.Declined => T["Declined"],
        CreatorStatus.Removed => T["Removed"],
        _ => status.ToString(),
    };

    private sealed class ProgramForm
    {
        public bool IsOpen { get; set; }

        public CreatorApproval Approval { get; set; }

        public decimal RatePercent { get; set; }

        public int WindowDays { get; set; }

        public bool AllProducts { get; set; }

        /// <summary>Each product shown, whether it is open and its own rate in percent (null: the program's).</summary>
        public Dictionary<Guid, ProductChoice> Chosen { get; } = [];

        public ProductChoice Choice(Guid productId)
        {
            if (!Chosen.TryGetValue(productId, out var choice))
            {
                Chosen[productId] = choice = new ProductChoice();
            }

            return choice;
        }

        public static ProgramForm From(CreatorProgramDto program)
        {
            var form = new ProgramForm
            {
                IsOpen = program.IsOpen,
                Approval = program.Approval,
                RatePercent = program.DefaultRate * 100m,
                WindowDays = program.WindowDays,
                AllProducts = program.AllProducts,
            };
            foreach (var product in program.Products)
            {
                form.Chosen[product.ProductId] = new ProductChoice { Open = true, RatePercent = product.Rate * 100m };
            }

            return form;
        }
    }

    private sealed class ProductChoice
    {
        public bool Open { get; set; }

        public decimal? RatePercent { get; set; }
    }
}
