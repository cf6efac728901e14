using System.Net;
using System.Text.Json;
using LiveShop.Client.Features.BackOffice.Creators;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.BackOffice.Creators;

public sealed class CreatorProgramPageTests : BunitTestBase
{
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid ManagerId = Guid.Parse("0193a000-0000-7000-8000-0000000000a1");
    private static readonly Guid CreatorId = Guid.Parse("0193a000-0000-7000-8000-0000000000c1");
    private static readonly ProgramCreatorDto Waiting = new(CreatorId, "mei.tea", "Mei Tea", ["@mei.tea"], CreatorStatus.Pending, null, DeviceNow, null);

    private readonly FakeApi _api;

    public CreatorProgramPageTests()
        : this(new FakeApi())
    {
    }

    private CreatorProgramPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopCreatorProgram(ShopId), FakeApi.Json(HttpStatusCode.OK, new CreatorProgramDto(ShopId, false, CreatorApproval.Approve, 0.1m, 7, true, [])));
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopCreators(ShopId), FakeApi.Json(HttpStatusCode.OK, new List<ProgramCreatorDto> { Waiting }));
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopCreatorResults(ShopId), FakeApi.Json(HttpStatusCode.OK, new BrandCreatorResultsDto(DeviceNow.AddDays(-30), DeviceNow, AttributionModel.LastTouch, [], [], [])));
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopCreatorStatements(ShopId), FakeApi.Json(HttpStatusCode.OK, new List<CreatorStatementDto>()));
    }

    [Fact]
    public void Save_OpensTheProgramAtTheRateTyped_AsAFraction()
    {
        _api.Answer(HttpMethod.Put, ApiRoutes.ShopCreatorProgram(ShopId), FakeApi.Json(HttpStatusCode.OK, new CreatorProgramDto(ShopId, true, CreatorApproval.Anyone, 0.125m, 14, true, [])));
        var page = RenderAs(ShopRole.Owner);
        page.WaitForElement("[data-testid=program-form]");

        page.Find("[data-testid=program-open] input, input[data-testid=program-open]").Change(true);
        page.Find("[data-testid=program-rate] input, input[data-testid=program-rate]").Change("12.5");
        page.Find("[data-testid=program-window] input, input[data-testid=program-window]").Change("14");
        page.Find("[data-testid=program-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Method == HttpMethod.Put));
        var sent = JsonSerializer.Deserialize<CreatorProgramRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal((true, 0.125m, 14, true), (sent.IsOpen, sent.DefaultRate, sent.WindowDays, sent.AllProducts));
    }

    [Fact]
    public void ChooseProducts_OneTickedWithItsOwnRate_IsAllThatIsSent()
    {
        var tea = new ShopProductDto(Guid.NewGuid(), ShopId, "OOL-150", "Alishan oolong", "", 480m, null, Currencies.Twd, 12, 3, false, false, "", [], DeviceNow, DeviceNow);
        var roller = new ShopProductDto(Guid.NewGuid(), ShopId, "JADE-01", "Jade roller", "", 690m, null, Currencies.Twd, 30, 3, false, false, "", [], DeviceNow, DeviceNow);
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.OK, new PageDto<ShopProductDto>([tea, roller], 2)));
        _api.Answer(HttpMethod.Put, ApiRoutes.ShopCreatorProgram(ShopId), FakeApi.Json(HttpStatusCode.OK, new CreatorProgramDto(ShopId, false, CreatorApproval.Approve, 0.1m, 7, false, [new ProgramProductDto(tea.Id, 0.155m)])));
        var page = RenderAs(ShopRole.Owner);
        page.WaitForElement("[data-testid=program-form]");

        page.Find("[data-testid=program-all-products] input, input[data-testid=program-all-products]").Change(false);
        page.WaitForElement("[data-testid=program-product-OOL-150]");
        page.Find("[data-testid=program-product-open-OOL-150] input, input[data-testid=program-product-open-OOL-150]").Change(true);
        page.Find("[data-testid=program-product-rate-OOL-150] input, input[data-testid=program-product-rate-OOL-150]").Change("15.5");
        page.Find("[data-testid=program-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Method == HttpMethod.Put));
        var sent = JsonSerializer.Deserialize<CreatorProgramRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!;
        Assert.False(sent.AllProducts);
        Assert.Equal([new ProgramProductDto(tea.Id, 0.155m)], sent.Products!);
    }

    [Fact]
    public void Approve_AWaitingCreator_SendsTheDecision_AndTheRowSaysApproved()
    {
        _api.Answer(HttpMethod.Put, ApiRoutes.ShopCreator(ShopId, CreatorId), FakeApi.Json(HttpStatusCode.OK, Waiting with { Status = CreatorStatus.Approved, DecidedAt = DeviceNow }));
        var page = RenderAs(ShopRole.Manager);
        Assert.Contains("Waiting for you", page.WaitForElement("[data-testid=creator-status-mei\\.tea]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=creator-approved-mei\\.tea]").Click();

        page.WaitForAssertion(() => Assert.Contains("Approved", page.Find("[data-testid=creator-status-mei\\.tea]").TextContent, StringComparison.Ordinal));
        var sent = JsonSerializer.Deserialize<ProgramCreatorRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(CreatorStatus.Approved, sent.Status);
        Assert.NotNull(page.Find("[data-testid=creator-paused-mei\\.tea]"));
    }

    [Fact]
    public void Render_AsHost_SaysWhoMay_AndAsksNothing()
    {
        var page = RenderAs(ShopRole.Host);

        page.WaitForElement("[data-testid=creators-not-allowed]");
        Assert.Empty(page.FindAll("[data-testid=bo-nav-creators]"));
        Assert.DoesNotContain(_api.Sent, s => s.Path == ApiRoutes.ShopCreators(ShopId));
    }

    [Fact]
    public void Results_ShowEachCreatorsSales_AndWhatEachModelCredits()
    {
        var zero = new ModelCreditsDto(0, 0, 0, 0);
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopCreatorResults(ShopId), FakeApi.Json(HttpStatusCode.OK, new BrandCreatorResultsDto(DeviceNow.AddDays(-30), DeviceNow, AttributionModel.LastTouch,
            [new BrandCurrencyTotalDto("TWD", 5000m, 4, new ModelCreditsDto(2730m, 3000m, 2900m, 2800m))],
            [new BrandCreatorResultDto(CreatorId, "mei.tea", "Mei Tea", CreatorStatus.Approved, "TWD", 12, 9, 2, 3, 2270m, new ModelCreditsDto(2270m, 2000m, 2100m, 2200m), 343.6m, 0m)],
            [new BrandCreatorProductDto(CreatorId, Guid.NewGuid(), "Oolong 150 g", "TWD", 1, 890m)])));
        var page = RenderAs(ShopRole.Manager);

        var row = page.WaitForElement("[data-testid=brand-results]").TextContent;
        Assert.Contains("mei.tea", row, StringComparison.Ordinal);
        Assert.Contains("2,270", page.Find($"[data-testid=brand-gmv-{CreatorId}]").TextContent, StringComparison.Ordinal);
        Assert.Contains("343.60", row, StringComparison.Ordinal);
        Assert.Contains("2,100", page.Find("[data-testid=brand-models]").TextContent, StringComparison.Ordinal);   // linear
        Assert.Contains("Oolong 150 g", page.Find("[data-testid=brand-products]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2,270", page.Find("[data-testid=brand-total-TWD]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=brand-period-7]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, _api.Sent.Count(s => s.Path == ApiRoutes.ShopCreatorResults(ShopId))));
    }

    [Fact]
    public void Statements_MarkWhatIsDuePaid_ForTheMonthAndCurrencyShown()
    {
        var due = new CreatorStatementDto(ShopId, "Formosa Tea & Beauty", CreatorId, "mei.tea", "Mei Tea", "2026-11", "TWD", 3, 1, 4100m, 0m, 492m, 0m, 492m, null);
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopCreatorStatements(ShopId),
            FakeApi.Json(HttpStatusCode.OK, new List<CreatorStatementDto> { due }),
            FakeApi.Json(HttpStatusCode.OK, new List<CreatorStatementDto> { due with { Paid = 492m, Due = 0m, LastPaidAt = DeviceNow } }));
        _api.Answer(HttpMethod.Post, ApiRoutes.ShopCreatorStatementPaid(ShopId, CreatorId), FakeApi.Json(HttpStatusCode.OK, due with { Paid = 492m, Due = 0m, LastPaidAt = DeviceNow }));
        var page = RenderAs(ShopRole.Owner);

        Assert.Contains("492", page.WaitForElement($"[data-testid=statement-due-{CreatorId}]").TextContent, StringComparison.Ordinal);
        page.Find($"[data-testid=statement-pay-{CreatorId}]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=statement-pay-{CreatorId}]")));
        var sent = JsonSerializer.Deserialize<MarkStatementPaidRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.ShopCreatorStatementPaid(ShopId, CreatorId)).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(("2026-11", "TWD", 492m), (sent.Month, sent.Currency, sent.Amount));
        Assert.Contains("month=", _api.Sent.First(s => s.Path == ApiRoutes.ShopCreatorStatements(ShopId)).Query, StringComparison.Ordinal);
    }

    private Bunit.IRenderedComponent<CreatorProgramPage> RenderAs(ShopRole role)
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, new List<MyShopDto> { new(ShopId, "Formosa Tea & Beauty", "formosa-tea", null, role, false) }));
        return Ctx.Render<CreatorProgramPage>(p => p.Add(c => c.ShopId, ShopId).AddCascadingValue(SignedIn.As(ManagerId, "Mei Lin", Roles.Host)));
    }
}
