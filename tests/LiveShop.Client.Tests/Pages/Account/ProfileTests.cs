using System.Net;
using System.Text.Json;
using LiveShop.Client.Pages.Account;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.Extensions.DependencyInjection;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Pages.Account;

public sealed class ProfileTests : BunitTestBase
{
    private readonly FakeApi _api;

    public ProfileTests()
        : this(new FakeApi())
    {
    }

    private ProfileTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
    }

    [Fact]
    public void Save_SwitchOffAndAddressKept_SendsBoth()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Profile, FakeApi.Json(HttpStatusCode.OK, new ProfileDto("Mei Lin", true, Address)));
        _api.Answer(HttpMethod.Put, ApiRoutes.Profile, FakeApi.Json(HttpStatusCode.OK, new ProfileDto("Mei Lin", false, Address)));
        var page = Ctx.Render<Profile>();
        page.WaitForAssertion(() => Assert.Equal("Mei Lin", page.Find("[data-testid=profile-display-name]").TextContent.Trim()));
        Assert.Equal("No. 7, Lane 12, Yongkang St", page.Find("input[data-testid=address-line1], [data-testid=address-line1] input").GetAttribute("value"));

        page.Find("input[data-testid=profile-show-purchases], [data-testid=profile-show-purchases] input").Change(false);
        page.Find("[data-testid=profile-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Method == HttpMethod.Put));
        var sent = JsonSerializer.Deserialize<UpdateProfileRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!;
        Assert.False(sent.ShowMyPurchases);
        Assert.Equal(Address, sent.SavedAddress);
    }

    [Fact]
    public void Save_NoAddressTyped_SavesWithoutOne()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Profile, FakeApi.Json(HttpStatusCode.OK, new ProfileDto("Ann", true, null)));
        _api.Answer(HttpMethod.Put, ApiRoutes.Profile, FakeApi.Json(HttpStatusCode.OK, new ProfileDto("Ann", true, null)));
        var page = Ctx.Render<Profile>();
        page.WaitForElement("[data-testid=profile-form]");

        page.Find("[data-testid=profile-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Method == HttpMethod.Put));
        Assert.Null(JsonSerializer.Deserialize<UpdateProfileRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!.SavedAddress);
    }

    [Fact]
    public void Save_HalfAnAddress_AsksForTheRestAndSendsNothing()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Profile, FakeApi.Json(HttpStatusCode.OK, new ProfileDto("Ann", true, null)));
        var page = Ctx.Render<Profile>();
        page.WaitForElement("[data-testid=profile-form]");

        page.Find("input[data-testid=address-city], [data-testid=address-city] input").Change("Taipei");
        page.Find("[data-testid=profile-form]").Submit();

        Assert.Contains("Enter the street address.", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Sent, s => s.Method == HttpMethod.Put);
    }
}
