using System.Net;
using System.Text.Json;
using LiveShop.Client.Features.Creator;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Creator;

public sealed class CreatorPageTests : BunitTestBase
{
    private static readonly Guid UserId = Guid.Parse("0193a000-0000-7000-8000-0000000000c1");
    private static readonly Guid BrandId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly BrandProgramDto Formosa = new(BrandId, "Formosa Tea & Beauty", "formosa-tea", null, CreatorApproval.Approve, 0.1m, 0.15m, 7, 12, null);

    private readonly FakeApi _api;

    public CreatorPageTests()
        : this(new FakeApi())
    {
    }

    private CreatorPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorPrograms, FakeApi.Json(HttpStatusCode.OK, new List<BrandProgramDto> { Formosa }));
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorProducts, FakeApi.Json(HttpStatusCode.OK, new List<CreatorProductDto>()));
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorShows, FakeApi.Json(HttpStatusCode.OK, new List<CreatorShowDto>()));
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorResults, FakeApi.Json(HttpStatusCode.OK, NoResults));
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorStatements, FakeApi.Json(HttpStatusCode.OK, new List<CreatorStatementDto>()));
    }

    private static readonly CreatorResultsDto NoResults = new(DeviceNow.AddDays(-30), DeviceNow, AttributionModel.LastTouch, 7, [], [], [], []);

    [Fact]
    public void NoProfileYet_CreateIt_ThenAskToJoinABrand_WhichSaysItIsWaiting()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorProfile, FakeApi.Json<CreatorProfileDto?>(HttpStatusCode.OK, null));
        _api.Answer(HttpMethod.Put, ApiRoutes.CreatorProfile, FakeApi.Json(HttpStatusCode.OK, new CreatorProfileDto(UserId, "mei.tea", "Mei", "", ["@mei.tea", "line:meitea"])));
        _api.Answer(HttpMethod.Post, ApiRoutes.CreatorProgramJoin(BrandId), FakeApi.Json(HttpStatusCode.OK, Formosa with { MyStatus = CreatorStatus.Pending }));
        var page = Ctx.Render<CreatorPage>(p => p.AddCascadingValue(SignedIn.As(UserId, "Mei", Roles.Viewer)));

        // Joining waits for a profile.
        Assert.True(page.WaitForElement("[data-testid=brand-join-formosa-tea]").HasAttribute("disabled"));
        Assert.Contains("10 % commission, up to 15 % on some products", page.Find("[data-testid=brand-formosa-tea]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=creator-handle] input, input[data-testid=creator-handle]").Change("mei.tea");
        page.Find("[data-testid=creator-name] input, input[data-testid=creator-name]").Change("Mei");
        page.Find("[data-testid=creator-socials] textarea, textarea[data-testid=creator-socials]").Change("@mei.tea\n line:meitea \n");
        page.Find("[data-testid=creator-profile-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Method == HttpMethod.Put));
        var sent = JsonSerializer.Deserialize<CreatorProfileRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(("mei.tea", "Mei"), (sent.Handle, sent.DisplayName));
        Assert.Equal(["@mei.tea", "line:meitea"], sent.Socials!);

        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorPrograms, FakeApi.Json(HttpStatusCode.OK, new List<BrandProgramDto> { Formosa with { MyStatus = CreatorStatus.Pending } }));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=brand-join-formosa-tea]").HasAttribute("disabled")));
        page.Find("[data-testid=brand-join-formosa-tea]").Click();

        page.WaitForAssertion(() => Assert.Contains("Waiting for the brand", page.Find("[data-testid=brand-status-formosa-tea]").TextContent, StringComparison.Ordinal));
        Assert.Single(_api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.CreatorProgramJoin(BrandId));
    }

    [Fact]
    public void Photo_InitialsUntilOneIsUploaded_ThenThePhotoAndRemove()
    {
        var profile = new CreatorProfileDto(UserId, "mei.tea", "Mei Lin", "", []);
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorProfile, FakeApi.Json(HttpStatusCode.OK, profile));
        _api.Answer(HttpMethod.Post, ApiRoutes.CreatorAvatar, FakeApi.Json(HttpStatusCode.OK, profile with { AvatarUrl = "/media/images/abc/thumb.webp" }));
        _api.Answer(HttpMethod.Delete, ApiRoutes.CreatorAvatar, FakeApi.Json(HttpStatusCode.OK, profile));
        var page = Ctx.Render<CreatorPage>(p => p.AddCascadingValue(SignedIn.As(UserId, "Mei Lin", Roles.Viewer)));

        page.WaitForAssertion(() => Assert.Equal("ML", page.Find(".creator-avatar__initials").TextContent));
        Assert.Empty(page.FindAll("[data-testid=creator-avatar-remove]"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[2048], "me.png", contentType: "image/png"));
        page.WaitForAssertion(() => Assert.Equal("/media/images/abc/thumb.webp", page.Find("[data-testid=creator-avatar-img]").GetAttribute("src")));
        Assert.Single(_api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.CreatorAvatar);

        page.Find("[data-testid=creator-avatar-remove]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=creator-avatar-img]")));
        Assert.Equal("ML", page.Find(".creator-avatar__initials").TextContent);
    }

    [Fact]
    public void ApprovedBrandsProducts_ShowTheCommissionInMoney()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorProfile, FakeApi.Json(HttpStatusCode.OK, new CreatorProfileDto(UserId, "mei.tea", "Mei", "", [])));
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorProducts, FakeApi.Json(HttpStatusCode.OK, new List<CreatorProductDto>
        {
            new(Guid.NewGuid(), BrandId, "Formosa Tea & Beauty", "Oolong 150 g", null, 1980m, "TWD", 0.15m),
        }));

        var page = Ctx.Render<CreatorPage>(p => p.AddCascadingValue(SignedIn.As(UserId, "Mei", Roles.Viewer)));

        var row = page.WaitForElement("[data-testid=creator-products]").TextContent;
        Assert.Contains("Oolong 150 g", row, StringComparison.Ordinal);
        Assert.Contains("15 %", row, StringComparison.Ordinal);
        Assert.Contains("297", row, StringComparison.Ordinal);   // NT$1,980 × 15 %

        // No shop of their own yet: the way to their own shows starts with opening their channel.
        Assert.Empty(page.FindAll("[data-testid=creator-schedule-show]"));
        Assert.Equal("shops/new", page.Find("[data-testid=creator-open-channel]").GetAttribute("href"));
    }

    [Fact]
    public void ACreatorWhoOwnsAShop_IsOfferedToScheduleAShowWithTheBrandsProducts()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorProfile, FakeApi.Json(HttpStatusCode.OK, new CreatorProfileDto(UserId, "mei.tea", "Mei", "", [])));
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorProducts, FakeApi.Json(HttpStatusCode.OK, new List<CreatorProductDto>
        {
            new(Guid.NewGuid(), BrandId, "Formosa Tea & Beauty", "Oolong 150 g", null, 1980m, "TWD", 0.15m),
        }));
        _api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, new[] { new LiveShop.Shared.Shops.MyShopDto(Guid.NewGuid(), "Mei's channel", "mei", null, LiveShop.Shared.Shops.ShopRole.Owner, false) }));

        var page = Ctx.Render<CreatorPage>(p => p.AddCascadingValue(SignedIn.As(UserId, "Mei", Roles.Viewer)));

        page.WaitForAssertion(() => Assert.Equal("host/shows/new", page.Find("[data-testid=creator-schedule-show]").GetAttribute("href")));
        Assert.Empty(page.FindAll("[data-testid=creator-open-channel]"));
    }

    [Fact]
    public void MakeALinkForOneProductOfALiveShow_ThenTheResultsShowTheCommissionPerBrand()
    {
        var showId = Guid.NewGuid();
        var oolong = Guid.NewGuid();
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorProfile, FakeApi.Json(HttpStatusCode.OK, new CreatorProfileDto(UserId, "mei.tea", "Mei", "", [])));
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorShows, FakeApi.Json(HttpStatusCode.OK, new List<CreatorShowDto>
        {
            new(showId, "Tea night", BrandId, "Formosa Tea & Beauty", ShowStatus.Live, DeviceNow, "TWD", [new(oolong, "Oolong 150 g", 0.2m)]),
        }));
        var link = new CreatorLinkResultDto("K7TEA", "/r/K7TEA", showId, "Tea night", "Formosa Tea & Beauty", oolong, "Oolong 150 g", "TWD", DeviceNow, 0, 0, 0, 0, 0);
        _api.Answer(HttpMethod.Post, ApiRoutes.CreatorLinks, FakeApi.Json(HttpStatusCode.Created, link));
        var page = Ctx.Render<CreatorPage>(p => p.AddCascadingValue(SignedIn.As(UserId, "Mei", Roles.Viewer)));
        page.WaitForElement("[data-testid=creator-share]");
        Assert.Contains("Nothing yet", page.Find("[data-testid=creator-no-results]").TextContent, StringComparison.Ordinal);

        // The live show is chosen; the product is picked from those opened to the creator.
        var productSelect = page.FindComponents<MudBlazor.MudSelect<Guid>>()[1];
        productSelect.InvokeAsync(() => productSelect.Instance.ValueChanged.InvokeAsync(oolong));
        _api.Answer(HttpMethod.Get, ApiRoutes.CreatorResults, FakeApi.Json(HttpStatusCode.OK, NoResults with
        {
            Brands = [new(BrandId, "Formosa Tea & Beauty", "TWD", 3, 2, 1, 2, 1780m, 0.5m, 356m, 0m)],
            Links = [link with { Clicks = 3, Visitors = 2, Orders = 1, Gmv = 1780m, Commission = 356m }],
        }));
        page.Find("[data-testid=creator-share-create]").Click();

        page.WaitForAssertion(() => Assert.Contains("356", page.Find("[data-testid=creator-results-brands]").TextContent, StringComparison.Ordinal));
        var sent = JsonSerializer.Deserialize<CreatorLinkRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.CreatorLinks).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal((showId, oolong), (sent.ShowId, sent.ProductId));
        Assert.Contains("/r/K7TEA", page.Find("[data-testid=creator-link-K7TEA]").TextContent, StringComparison.Ordinal);
        Assert.Contains("from=", _api.Sent.Last(s => s.Path == ApiRoutes.CreatorResults).Query, StringComparison.Ordinal);
    }
}
