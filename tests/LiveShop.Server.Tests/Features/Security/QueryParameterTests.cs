using System.Net;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;

namespace LiveShop.Server.Tests.Features.Security;

/// <summary>A query value out of range or malformed gets a 400 that names the parameter, never a 500 or a silent guess.</summary>
public sealed class QueryParameterTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Theory]
    [InlineData("?to=0001-01-01T00:00:00Z", "“to”")]
    [InlineData("?from=0001-01-01T00:00:00Z", "“from”")]
    [InlineData("?to=9999-12-31T23:59:59Z", "“to”")]
    [InlineData("?to=yesterday", "“to”")]
    [InlineData("?from=2026-13-45", "“from”")]
    public async Task Earnings_BadPeriod_400NamingTheParameter(string query, string named)
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);

        await AssertValidationFailedAsync(await host.Http.GetAsync(ApiRoutes.HostEarnings + query), named);
    }

    [Fact]
    public async Task Earnings_ValidPeriod_Ok()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);

        var response = await host.Http.GetAsync(ApiRoutes.HostEarnings + "?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("?page=-1", "“page”")]
    [InlineData("?page=2147483647", "“page”")]
    [InlineData("?page=two", "“page”")]
    [InlineData("?status=99", "“status”")]
    [InlineData("?from=0001-01-01&to=9999-12-31", "“from”")]
    [InlineData("?showId=not-an-id", "“showId”")]
    public async Task ShopOrders_BadQuery_400NamingTheParameter(string query, string named)
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);

        await AssertValidationFailedAsync(await owner.Http.GetAsync(ApiRoutes.ShopOrders(DemoSeeder.DemoShopId) + query), named);
    }

    [Theory]
    [InlineData("?pageSize=0", "“pageSize”")]
    [InlineData("?pageSize=100000", "“pageSize”")]
    [InlineData("?page=-3", "“page”")]
    [InlineData("?currency=XXX", "“currency”")]
    public async Task ShopProducts_BadQuery_400NamingTheParameter(string query, string named)
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);

        await AssertValidationFailedAsync(await owner.Http.GetAsync(ApiRoutes.ShopProducts(DemoSeeder.DemoShopId) + query), named);
    }

    [Theory]
    [InlineData(ApiRoutes.AdminUsers + "?page=-1", "“page”")]
    [InlineData(ApiRoutes.AdminShops + "?page=-1", "“page”")]
    public async Task Admin_NegativePage_400(string path, string named)
    {
        var admin = await factory.SignInAsync(DemoSeeder.AdminAccount.Email);

        await AssertValidationFailedAsync(await admin.Http.GetAsync(path), named);
    }

    [Fact]
    public async Task Admin_SearchLongerThanAnyName_400()
    {
        var admin = await factory.SignInAsync(DemoSeeder.AdminAccount.Email);

        await AssertValidationFailedAsync(await admin.Http.GetAsync(ApiRoutes.AdminUsers + "?search=" + new string('a', 500)), "“search”");
    }

    private static async Task AssertValidationFailedAsync(HttpResponseMessage response, string named)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.ValidationFailed, problem.Code);
        Assert.Contains(named, problem.Detail, StringComparison.Ordinal);
    }
}
