using System.Net;
using System.Text.Json;
using LiveShop.Client.Features.BackOffice.Stores;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.BackOffice.Stores;

public sealed class StoresPageTests : BunitTestBase
{
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid OwnerId = Guid.Parse("0193a000-0000-7000-8000-0000000000a1");
    private static readonly Guid StoreId = Guid.Parse("0193a000-0000-7000-8000-0000000000b1");
    private static readonly Guid EleniId = Guid.Parse("0193a000-0000-7000-8000-0000000000e1");
    private static readonly StoreDto Kolonaki = new(StoreId, "Kolonaki", DeviceNow, []);

    private readonly FakeApi _api;

    public StoresPageTests()
        : this(new FakeApi())
    {
    }

    private StoresPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopStores(ShopId), FakeApi.Json(HttpStatusCode.OK, new List<StoreDto> { Kolonaki }));
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopStoreLeaderboard(ShopId), FakeApi.Json(HttpStatusCode.OK, new StoreLeaderboardDto(DeviceNow.AddDays(-30), DeviceNow, AttributionModel.LastTouch, [], [], [])));
    }

    [Fact]
    public void AddStore_SendsTheName_AndItsCardAppears()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.ShopStores(ShopId), FakeApi.Json(HttpStatusCode.Created, new StoreDto(Guid.NewGuid(), "Piraeus", DeviceNow, [])));
        var page = RenderAs(ShopRole.Owner);
        page.WaitForElement("[data-testid=store-Kolonaki]");

        page.Find("[data-testid=store-name] input, input[data-testid=store-name]").Input("Piraeus");
        page.Find("[data-testid=store-add]").Submit();

        page.WaitForElement("[data-testid=store-Piraeus]");
        var sent = JsonSerializer.Deserialize<StoreRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal("Piraeus", sent.Name);
    }

    [Fact]
    public void AddStaff_ByEmail_ListsThem_AndAnUnknownAddressShowsTheServersSentence()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.ShopStoreStaff(ShopId, StoreId),
            FakeApi.Problem(HttpStatusCode.NotFound, ProblemCodes.StaffNotFound, "No LiveShop account uses eleni@example.gr: ask them to sign up first, then add them."),
            FakeApi.Json(HttpStatusCode.OK, Kolonaki with { Staff = [new StoreStaffDto(EleniId, "Eleni", "eleni@example.gr", DeviceNow)] }));
        var page = RenderAs(ShopRole.Manager);
        page.WaitForElement("[data-testid=store-Kolonaki]");

        page.Find("[data-testid=store-email-Kolonaki] input, input[data-testid=store-email-Kolonaki]").Input("eleni@example.gr");
        page.Find("[data-testid=store-add-staff-Kolonaki]").Click();
        Assert.Contains("ask them to sign up first", page.WaitForElement("[data-testid=stores-error]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=store-add-staff-Kolonaki]").Click();
        page.WaitForAssertion(() => Assert.Contains("Eleni", page.Find("[data-testid=store-staff-Kolonaki]").TextContent, StringComparison.Ordinal));
        var sent = JsonSerializer.Deserialize<AddStoreStaffRequest>(_api.Sent.Last(s => s.Method == HttpMethod.Post).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal("eleni@example.gr", sent.Email);
    }

    [Fact]
    public void Leaderboard_RanksTheStoresAndTheStaff_AndShowsEachModel()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopStoreLeaderboard(ShopId), FakeApi.Json(HttpStatusCode.OK, new StoreLeaderboardDto(DeviceNow.AddDays(-30), DeviceNow, AttributionModel.LastTouch,
            [new StoreCurrencyTotalDto("EUR", 61.5m, 3, new ModelCreditsDto(18.5m, 18.5m, 18.5m, 18.5m))],
            [new StoreResultDto(StoreId, "Kolonaki", "EUR", 3, 2, 2, 43m, new ModelCreditsDto(43m, 37m, 40m, 41.2m))],
            [new StaffResultDto(EleniId, "Eleni", StoreId, "Kolonaki", "EUR", 3, 2, 2, 43m, Removed: true)])));
        var page = RenderAs(ShopRole.Owner);

        Assert.Contains("€43.00", page.WaitForElement("[data-testid=board-gmv-Kolonaki]").TextContent, StringComparison.Ordinal);
        Assert.Contains("€61.50", page.Find("[data-testid=board-total-EUR]").TextContent, StringComparison.Ordinal);
        var staff = page.Find("[data-testid=board-staff]").TextContent;
        Assert.Contains("Eleni", staff, StringComparison.Ordinal);
        Assert.Contains("Former staff", staff, StringComparison.Ordinal);
        Assert.Contains("€40.00", page.Find("[data-testid=board-models]").TextContent, StringComparison.Ordinal);   // linear

        page.Find("[data-testid=board-period-7]").Click();
        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=board-period-7]").GetAttribute("aria-pressed")));
        var asked = _api.Sent.Last(s => s.Path == ApiRoutes.ShopStoreLeaderboard(ShopId)).Query;
        var from = DateTimeOffset.Parse(Uri.UnescapeDataString(System.Web.HttpUtility.ParseQueryString(asked)["from"]!), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DeviceNow.AddDays(-7), from);
    }

    [Fact]
    public void Render_AsHost_SaysWhoMay_AndAsksNothing()
    {
        var page = RenderAs(ShopRole.Host);

        page.WaitForElement("[data-testid=stores-not-allowed]");
        Assert.Empty(page.FindAll("[data-testid=bo-nav-stores]"));
        Assert.DoesNotContain(_api.Sent, s => s.Path == ApiRoutes.ShopStores(ShopId));
    }

    private Bunit.IRenderedComponent<StoresPage> RenderAs(ShopRole role)
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, new List<MyShopDto> { new(ShopId, "Athens Olive", "athens-olive", null, role, false) }));
        return Ctx.Render<StoresPage>(p => p.Add(c => c.ShopId, ShopId).AddCascadingValue(SignedIn.As(OwnerId, "Sofia", Roles.Host)));
    }
}
