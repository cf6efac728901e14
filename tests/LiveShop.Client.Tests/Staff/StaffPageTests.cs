using System.Net;
using System.Text.Json;
using LiveShop.Client.Features.Staff;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Staff;

public sealed class StaffPageTests : BunitTestBase
{
    private static readonly Guid UserId = Guid.Parse("0193a000-0000-7000-8000-0000000000e1");
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid StoreId = Guid.Parse("0193a000-0000-7000-8000-0000000000b1");
    private static readonly Guid ShowId = Guid.Parse("0193a000-0000-7000-8000-0000000000d1");
    private static readonly Guid OilId = Guid.Parse("0193a000-0000-7000-8000-0000000000f1");

    private static readonly StaffLinkDto Link = new("K7QX2M", "/r/K7QX2M", ApiRoutes.StaffLinkQr("K7QX2M"), StoreId, "Kolonaki", "Athens Olive",
        ShowId, "Harvest night", OilId, "Olive oil", "EUR", DeviceNow, 2, 2, 1, 37m);

    private readonly FakeApi _api;

    public StaffPageTests()
        : this(new FakeApi())
    {
    }

    private StaffPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
        _api.Answer(HttpMethod.Get, ApiRoutes.StaffResults, FakeApi.Json(HttpStatusCode.OK, new StaffResultsDto(DeviceNow.AddDays(-30), DeviceNow, AttributionModel.LastTouch, [], [])));
    }

    [Fact]
    public void NotOnAnyStaff_SaysWhoAddsThem()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Staff, FakeApi.Json(HttpStatusCode.OK, new StaffHomeDto([], [])));
        var page = Render();

        page.WaitForElement("[data-testid=staff-no-stores]");
        Assert.Empty(page.FindAll("[data-testid=staff-share-create]"));
    }

    [Fact]
    public void MakeMyLink_ForTheLiveShowAndAProduct_ListsItWithItsNumbersAndQrCode()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Staff, FakeApi.Json(HttpStatusCode.OK, new StaffHomeDto(
            [new StaffStoreDto(StoreId, "Kolonaki", ShopId, "Athens Olive")],
            [new StaffShowDto(ShowId, "Harvest night", ShopId, ShowStatus.Live, DeviceNow, "EUR", [new StaffShowProductDto(OilId, "Olive oil")])])));
        _api.Answer(HttpMethod.Post, ApiRoutes.StaffLinks, FakeApi.Json(HttpStatusCode.Created, Link with { Clicks = 0, Visitors = 0, Orders = 0, Gmv = 0 }));
        _api.Answer(HttpMethod.Get, ApiRoutes.StaffResults,
            FakeApi.Json(HttpStatusCode.OK, new StaffResultsDto(DeviceNow.AddDays(-30), DeviceNow, AttributionModel.LastTouch, [], [])),
            FakeApi.Json(HttpStatusCode.OK, new StaffResultsDto(DeviceNow.AddDays(-30), DeviceNow, AttributionModel.LastTouch,
                [new StaffStoreResultDto(StoreId, "Kolonaki", "Athens Olive", "EUR", 2, 2, 1, 37m)], [Link])));
        var page = Render();
        page.WaitForElement("[data-testid=staff-no-results]");

        var productSelect = page.FindComponents<MudBlazor.MudSelect<Guid>>().Single(c => Equals(c.Instance.UserAttributes.GetValueOrDefault("data-testid"), "staff-share-product"));
        productSelect.InvokeAsync(() => productSelect.Instance.ValueChanged.InvokeAsync(OilId));
        page.Find("[data-testid=staff-share-create]").Click();

        page.WaitForElement("[data-testid=staff-link-K7QX2M]");
        var sent = JsonSerializer.Deserialize<StaffLinkRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(new StaffLinkRequest(StoreId, ShowId, OilId), sent);
        Assert.Contains("€37.00", page.Find($"[data-testid=staff-gmv-{StoreId}]").TextContent, StringComparison.Ordinal);
        Assert.EndsWith("staff/links/K7QX2M", page.Find("[data-testid=staff-qr-K7QX2M]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void QrPage_ShowsTheStoreTheProductTheAddressAndTheServersQrImage()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.StaffLink("k7qx2m"), FakeApi.Json(HttpStatusCode.OK,
            new StaffLinkCardDto("K7QX2M", "https://shop.example.gr/r/K7QX2M", ApiRoutes.StaffLinkQr("K7QX2M"), "Athens Olive", "Kolonaki", "Harvest night", "Olive oil")));
        var page = Ctx.Render<StaffQrPage>(p => p.Add(c => c.Code, "k7qx2m").AddCascadingValue(SignedIn.As(UserId, "Eleni", Roles.Viewer)));

        var card = page.WaitForElement("[data-testid=staff-qr-card]");
        Assert.Contains("Athens Olive · Kolonaki", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Olive oil", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://shop.example.gr/r/K7QX2M", card.TextContent, StringComparison.Ordinal);   // the address the code holds, not the browser's
        Assert.Equal(ApiRoutes.StaffLinkQr("K7QX2M"), page.Find("[data-testid=staff-qr-image]").GetAttribute("src"));
    }

    [Fact]
    public void QrPage_ForALinkNotTheirs_ShowsTheServersSentence()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.StaffLink("NOPE"), FakeApi.Problem(HttpStatusCode.Forbidden, ProblemCodes.NotStoreStaff, "You are not on the staff of that store."));
        var page = Ctx.Render<StaffQrPage>(p => p.Add(c => c.Code, "NOPE").AddCascadingValue(SignedIn.As(UserId, "Eleni", Roles.Viewer)));

        Assert.Contains("not on the staff of that store", page.WaitForElement("[data-testid=staff-qr-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=staff-qr-card]"));
    }

    private Bunit.IRenderedComponent<StaffPage> Render() =>
        Ctx.Render<StaffPage>(p => p.AddCascadingValue(SignedIn.As(UserId, "Eleni", Roles.Viewer)));
}
