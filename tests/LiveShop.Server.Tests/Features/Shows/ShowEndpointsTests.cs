using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Shows;

public class ShowEndpointsTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private async Task<int> ShowCountAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiveShopDbContext>().Shows.CountAsync();
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code, int showsBefore)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(code, problem.Code);
        Assert.Equal(ProblemCodes.TypeBase + code, problem.Type);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Equal(showsBefore, await ShowCountAsync());
    }

    [Fact]
    public async Task ListShows_Anonymous_SeesTheScheduledDemoShow()
    {
        var list = await factory.NewBrowser().GetFromJsonAsync<ShowListDto>(ApiRoutes.Shows);

        var demo = Assert.Single(list!.Upcoming, s => s.Id == DemoSeeder.DemoShowId);
        Assert.Equal("Mei Lin", demo.Host.DisplayName);
        Assert.Equal(6, demo.LineupCount);
        Assert.Equal(Currencies.Twd, demo.Currency);
    }

    [Fact]
    public async Task GetShow_Demo_HasLineupInOrderAndTheBundledClip()
    {
        var show = await factory.NewBrowser().GetShowAsync(DemoSeeder.DemoShowId);

        Assert.Equal("/media/demo.mp4", show.Video.Url);
        Assert.Equal("/media/demo-poster.jpg", show.Video.PosterUrl);
        Assert.Equal(Enumerable.Range(0, 6), show.Lineup.Select(l => l.Position));
        Assert.Equal("TW-OOLONG-150", show.Lineup[0].Sku);
        // Bundled pictures, but the scarf's cover is the first of its stored photos (one per colour, drawn by the seed).
        Assert.All(show.Lineup, item => Assert.StartsWith(item.Sku == "TW-SILK-SCARF" ? "/media/images/" : "/img/products/", item.ImageUrl, StringComparison.Ordinal));
        var scarf = show.Lineup.Single(l => l.Sku == "TW-SILK-SCARF");
        Assert.Equal(["Colour"], scarf.Options!);
        Assert.Equal(["Indigo", "Tea", "Jade"], scarf.Variants!.Select(v => v.Label));
    }

    [Fact]
    public async Task GetShow_UnknownId_404Problem()
    {
        var response = await factory.NewBrowser().GetAsync(ApiRoutes.Show(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProblemCodes.ShowNotFound, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task CreateShow_Host_CreatedWithLineupInOrder()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var request = ShowBuilder.Request("Oolong tasting", DemoSeeder.ProductId(3), DemoSeeder.ProductId(1), DemoSeeder.ProductId(5));

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var show = (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        Assert.Equal(ApiRoutes.Show(show.Id), response.Headers.Location?.OriginalString);
        Assert.Equal(ShowStatus.Scheduled, show.Status);
        Assert.Equal(DemoSeeder.HostAccount.Id, show.Host.Id);
        Assert.Equal([DemoSeeder.ProductId(3), DemoSeeder.ProductId(1), DemoSeeder.ProductId(5)], show.Lineup.Select(l => l.ProductId));
        var mine = await host.Http.GetFromJsonAsync<List<ShowSummaryDto>>(ApiRoutes.MyShows);
        Assert.Contains(mine!, s => s.Id == show.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task CreateShow_EmptyTitle_400AndNothingWritten(string title)
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var before = await ShowCountAsync();

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request(title));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ShowTitleInvalid, before);
    }

    [Fact]
    public async Task CreateShow_TitleOver200Characters_400AndNothingWritten()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var before = await ShowCountAsync();

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request(new string('x', Limits.ShowTitleMaxLength + 1)));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ShowTitleInvalid, before);
    }

    [Fact]
    public async Task CreateShow_TitleOfExactly200Characters_Accepted()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request(new string('x', Limits.ShowTitleMaxLength)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CreateShow_UnknownProduct_400NamesItAndNothingWritten()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var before = await ShowCountAsync();
        var unknown = Guid.NewGuid();

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Mystery", DemoSeeder.ProductId(1), unknown));

        Assert.Contains(unknown.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.LineupUnknownProduct, before);
    }

    [Fact]
    public async Task CreateShow_DuplicateProduct_400AndNothingWritten()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var before = await ShowCountAsync();

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Twice", DemoSeeder.ProductId(1), DemoSeeder.ProductId(1)));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.LineupDuplicateProduct, before);
    }

    [Fact]
    public async Task CreateShow_ProductInAnotherCurrency_400AndNothingWritten()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var before = await ShowCountAsync();

        // Product 7 is the Cretan olive oil, priced in EUR; the request's show sells in TWD.
        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Mixed", DemoSeeder.ProductId(1), DemoSeeder.ProductId(7)));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.LineupCurrencyMismatch, before);
    }

    [Fact]
    public async Task CreateShow_EmptyLineup_400()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var before = await ShowCountAsync();

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Nothing") with { ProductIds = [] });

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.LineupEmpty, before);
    }

    [Fact]
    public async Task CreateShow_StartInThePast_400()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var before = await ShowCountAsync();

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request() with { ScheduledStart = DateTimeOffset.UtcNow.AddDays(-1) });

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ShowScheduleInvalid, before);
    }

    [Fact]
    public async Task CreateShow_ScriptVideoUrl_400()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var before = await ShowCountAsync();

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request() with { VideoUrl = "javascript:alert(1)" });

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ShowVideoInvalid, before);
    }

    [Fact]
    public async Task CreateShow_Viewer_403AndNothingWritten()
    {
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var before = await ShowCountAsync();

        var response = await viewer.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request());

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, ProblemCodes.Forbidden, before);
    }

    [Fact]
    public async Task CreateShow_Guest_403()
    {
        var guest = await factory.GuestAsync("Wanderer");
        var before = await ShowCountAsync();

        var response = await guest.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request());

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, ProblemCodes.Forbidden, before);
    }

    [Fact]
    public async Task CreateShow_Anonymous_401AndNoRedirect()
    {
        var before = await ShowCountAsync();

        var response = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request());

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized, ProblemCodes.NotSignedIn, before);
    }

    [Fact]
    public async Task CreateShow_MalformedJson_400Problem()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var before = await ShowCountAsync();

        var response = await host.Http.PostAsync(ApiRoutes.Shows, new StringContent("{\"title\": 12,", System.Text.Encoding.UTF8, "application/json"));

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed, before);
    }

    [Fact]
    public async Task GoLiveThenEnd_Host_StatusAndTimesFollow()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync();

        var live = await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);
        var ended = await host.Http.PostAsync(ApiRoutes.EndShow(show.Id), null);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var after = await host.Http.GetShowAsync(show.Id);
        Assert.Equal(ShowStatus.Ended, after.Status);
        Assert.NotNull(after.WentLiveAt);
        Assert.True(after.EndedAt >= after.WentLiveAt);
    }

    [Fact]
    public async Task GoLive_EndedShow_409AndStaysEnded()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync();
        await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);
        await host.Http.PostAsync(ApiRoutes.EndShow(show.Id), null);
        var endedAt = (await host.Http.GetShowAsync(show.Id)).EndedAt;

        var response = await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ProblemCodes.ShowEnded, (await Problem.ReadAsync(response)).Code);
        var after = await host.Http.GetShowAsync(show.Id);
        Assert.Equal(ShowStatus.Ended, after.Status);
        Assert.Equal(endedAt, after.EndedAt);
    }

    [Fact]
    public async Task GoLive_Twice_409AlreadyLive()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync();
        await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);

        var response = await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ProblemCodes.ShowAlreadyLive, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task End_ScheduledShow_409NotLive()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync();

        var response = await host.Http.PostAsync(ApiRoutes.EndShow(show.Id), null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ProblemCodes.ShowNotLive, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(ShowStatus.Scheduled, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task GoLive_Viewer_403AndStillScheduled()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync();
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);

        var response = await viewer.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ShowStatus.Scheduled, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task GoLive_AnotherHostsShow_403NotShowHostAndStillScheduled()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync();
        var otherHost = await factory.RegisterAsync(asHost: true, "Other Host");

        var response = await otherHost.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ProblemCodes.NotShowHost, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(ShowStatus.Scheduled, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task GoLive_UnknownShow_404()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);

        var response = await host.Http.PostAsync(ApiRoutes.GoLive(Guid.NewGuid()), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProblemCodes.ShowNotFound, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Catalog_ByCurrency_ListsOnlyThatCurrency()
    {
        var products = await factory.NewBrowser().GetFromJsonAsync<List<LiveShop.Shared.Catalog.ProductDto>>($"{ApiRoutes.Products}?currency=EUR");

        Assert.Equal(2, products!.Count);
        Assert.All(products, p => Assert.Equal(Currencies.Eur, p.Currency));
    }

    [Fact]
    public async Task Catalog_UnknownCurrency_400()
    {
        var response = await factory.NewBrowser().GetAsync($"{ApiRoutes.Products}?currency=XYZ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemCodes.ShowCurrencyInvalid, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task OpenApi_DocumentListsShowAndCatalogEndpoints()
    {
        var document = await factory.NewBrowser().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/shows\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/shows/{id}/go-live\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/catalog/products\"", document, StringComparison.Ordinal);
    }
}
