using System.Net;
using System.Text.Json;
using LiveShop.Client.Features.Admin;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveShop.Client.Tests.Admin;

public sealed class AdminTabsTests : BunitTestBase
{
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid UserId = Guid.Parse("0193a000-0000-7000-8000-0000000000b2");

    private readonly FakeApi _api;

    public AdminTabsTests()
        : this(new FakeApi())
    {
    }

    private AdminTabsTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
    }

    [Fact]
    public void Suspend_Confirmed_SendsItAndMarksTheShop()
    {
        var shop = new AdminShopDto(ShopId, "Formosa Tea & Beauty", "formosa-tea", "TW", 3, 12, 4, DeviceNow, false);
        _api.Answer(HttpMethod.Get, ApiRoutes.AdminShops, FakeApi.Json(HttpStatusCode.OK, new PageDto<AdminShopDto>([shop], 1)));
        _api.Answer(HttpMethod.Put, ApiRoutes.AdminShopSuspension(ShopId), FakeApi.Json(HttpStatusCode.OK, shop with { IsSuspended = true }));
        var dialogs = Ctx.Render<MudDialogProvider>();
        var tab = Ctx.Render<AdminShopsTab>();
        tab.WaitForElement("[data-testid=admin-shop-row]");
        Assert.Contains("12", tab.Find("[data-testid=admin-shop-row]").TextContent, StringComparison.Ordinal);

        tab.Find("[data-testid=admin-shop-suspend]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Suspend").Click());

        tab.WaitForAssertion(() => Assert.Equal("Reinstate", tab.Find("[data-testid=admin-shop-suspend]").TextContent.Trim()));
        Assert.Contains("Suspended", tab.Find("[data-testid=admin-shop-row]").TextContent, StringComparison.Ordinal);
        Assert.True(JsonSerializer.Deserialize<SuspendRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!.Suspended);
    }

    [Fact]
    public void MakeModerator_SendsItAndShowsTheRole()
    {
        var user = new AdminUserDto(UserId, "Ann Chen", "ann@example.com", [Roles.Viewer], 0, DeviceNow, false);
        _api.Answer(HttpMethod.Get, ApiRoutes.AdminUsers, FakeApi.Json(HttpStatusCode.OK, new PageDto<AdminUserDto>([user], 1)));
        _api.Answer(HttpMethod.Put, ApiRoutes.AdminUserModerator(UserId), () => new HttpResponseMessage(HttpStatusCode.NoContent));
        var tab = Ctx.Render<AdminUsersTab>();
        tab.WaitForElement("[data-testid=admin-user-row]");

        tab.Find("[data-testid=admin-user-moderator]").Click();

        tab.WaitForAssertion(() => Assert.Equal("Remove moderator", tab.Find("[data-testid=admin-user-moderator]").TextContent.Trim()));
        Assert.Equal([Roles.Viewer, Roles.Moderator], tab.FindAll("[data-testid=admin-user-role]").Select(c => c.TextContent.Trim()));
        Assert.True(JsonSerializer.Deserialize<GlobalModeratorRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Put).Body!, JsonSerializerOptions.Web)!.IsModerator);
    }

    [Fact]
    public void Render_NoShops_SaysWhatToExpect()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.AdminShops, FakeApi.Json(HttpStatusCode.OK, new PageDto<AdminShopDto>([], 0)));
        var tab = Ctx.Render<AdminShopsTab>();

        tab.WaitForElement("[data-testid=admin-shops-empty]");
        Assert.Empty(tab.FindAll("[data-testid=admin-shops-table]"));
    }
}
