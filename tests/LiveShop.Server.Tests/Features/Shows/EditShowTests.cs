using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Features.Media;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shows;
using SkiaSharp;

namespace LiveShop.Server.Tests.Features.Shows;

/// <summary>
/// A scheduled show is edited through <c>PUT /api/shows/{id}</c> and its poster through
/// <c>/api/shows/{id}/poster</c>: by its host or the shop's owners and managers, until it goes live,
/// with the create form's rules; every refusal leaves the show as it was.
/// </summary>
public class EditShowTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task Update_TitleTimeLineupOrderAndCoHost_GetShowsTheEditedShow()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Before the edit");
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2).AddHours(15), TimeSpan.Zero);
        var lineup = new[] { DemoSeeder.ProductId(3), DemoSeeder.ProductId(1), DemoSeeder.ProductId(2) };

        var response = await host.Http.PutAsJsonAsync(ApiRoutes.Show(show.Id), new UpdateShowRequest(
            "  After the edit ", "New words", start, lineup, CommissionRate: 0.15m, CoHostEmail: DemoSeeder.CoHostAccount.Email, CoHostShare: 0.4m));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edited = await host.Http.GetShowAsync(show.Id);
        Assert.Equal("After the edit", edited.Title);
        Assert.Equal("New words", edited.Description);
        Assert.Equal(start, edited.ScheduledStart);
        Assert.Equal(lineup, edited.Lineup.Select(l => l.ProductId));
        Assert.Equal([0, 1, 2], edited.Lineup.Select(l => l.Position));
        Assert.Equal(DemoSeeder.CoHostAccount.DisplayName, edited.CoHost?.DisplayName);
        Assert.Equal(DemoSeeder.DemoShopId, edited.ShopId);

        var form = (await host.Http.GetFromJsonAsync<ShowEditDto>(ApiRoutes.Show(show.Id) + "/edit"))!;
        Assert.Equal((0.15m, DemoSeeder.CoHostAccount.Email, 0.4m), (form.CommissionRate, form.CoHostEmail, form.CoHostShare));

        // Reordering only (the same products, new positions) and removing the co-host.
        var reordered = new[] { DemoSeeder.ProductId(2), DemoSeeder.ProductId(3), DemoSeeder.ProductId(1) };
        var again = await host.Http.PutAsJsonAsync(ApiRoutes.Show(show.Id), new UpdateShowRequest("After the edit", "New words", start, reordered));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var final = await host.Http.GetShowAsync(show.Id);
        Assert.Equal(reordered, final.Lineup.Select(l => l.ProductId));
        Assert.Null(final.CoHost);
    }

    [Fact]
    public async Task Update_ByTheShopsOwner_IsAllowed()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var show = await host.CreateShowAsync("The host's show");

        var response = await owner.Http.PutAsJsonAsync(ApiRoutes.Show(show.Id), Same(show) with { Title = "Renamed by the owner" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Renamed by the owner", (await host.Http.GetShowAsync(show.Id)).Title);
    }

    [Fact]
    public async Task Update_WithAnotherShopsProduct_400LineupUnknownProduct_NothingChanged()
    {
        var (seller, shopB) = await factory.RegisterSellerAsync(currency: Currencies.Twd);
        var productB = await seller.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(shopB.Id), new SaveProductRequest("B-" + Guid.NewGuid().ToString("N")[..6], "Shop B's teapot", "", 500m, null, Currencies.Twd, 0, 5));
        productB.EnsureSuccessStatusCode();
        var foreignId = (await productB.Content.ReadFromJsonAsync<ShopProductDto>())!.Id;
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Own products only");

        var response = await host.Http.PutAsJsonAsync(ApiRoutes.Show(show.Id), Same(show) with { Title = "Changed", ProductIds = [DemoSeeder.ProductId(1), foreignId] });

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.LineupUnknownProduct);
        await AssertUnchangedAsync(host, show);
    }

    [Fact]
    public async Task Update_ByAViewer_403_ByAHostOfAnotherShop_403_UnknownShow_404()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Not yours");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var (seller, _) = await factory.RegisterSellerAsync();

        await AssertRefusedAsync(await viewer.Http.PutAsJsonAsync(ApiRoutes.Show(show.Id), Same(show) with { Title = "Viewer's" }), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.PutAsJsonAsync(ApiRoutes.Show(show.Id), Same(show) with { Title = "Seller's" }), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.PostAsync(ApiRoutes.Show(show.Id) + "/poster", PngForm()), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await host.Http.PutAsJsonAsync(ApiRoutes.Show(Guid.NewGuid()), Same(show)), HttpStatusCode.NotFound, ProblemCodes.ShowNotFound);
        await AssertUnchangedAsync(host, show);
    }

    [Fact]
    public async Task Update_AnotherHostOfTheSameShop_403ShopRoleTooLow()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var coHost = await factory.SignInAsync(DemoSeeder.CoHostAccount.Email);
        var show = await host.CreateShowAsync("Mei Lin's show");

        await AssertRefusedAsync(await coHost.Http.PutAsJsonAsync(ApiRoutes.Show(show.Id), Same(show) with { Title = "Taken over" }), HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow);
        await AssertUnchangedAsync(host, show);
    }

    [Fact]
    public async Task Update_LiveShow_409ShowAlreadyLive_NothingChanged()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Going live");
        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();
        var live = await host.Http.GetShowAsync(show.Id);

        await AssertRefusedAsync(await host.Http.PutAsJsonAsync(ApiRoutes.Show(show.Id), Same(show) with { Title = "Too late", ProductIds = [DemoSeeder.ProductId(3)] }), HttpStatusCode.Conflict, ProblemCodes.ShowAlreadyLive);
        await AssertRefusedAsync(await host.Http.PostAsync(ApiRoutes.Show(show.Id) + "/poster", PngForm()), HttpStatusCode.Conflict, ProblemCodes.ShowAlreadyLive);

        var after = await host.Http.GetShowAsync(show.Id);
        Assert.Equal((live.Title, ShowStatus.Live, null), (after.Title, after.Status, after.PosterUrl));
        Assert.Equal(live.Lineup.Select(l => l.ProductId), after.Lineup.Select(l => l.ProductId));
    }

    [Fact]
    public async Task Poster_Uploaded_IsTheCoverInTheShowList_AndRemovedAgain()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("With a poster");
        var productCover = (await CoverAsync(host, show.Id)).CoverImageUrl;

        var response = await host.Http.PostAsync(ApiRoutes.Show(show.Id) + "/poster", PngForm());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var withPoster = (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        Assert.NotNull(withPoster.PosterUrl);
        Assert.Equal(withPoster.PosterUrl, (await CoverAsync(host, show.Id)).CoverImageUrl);
        Assert.NotEqual(productCover, withPoster.PosterUrl);
        Assert.StartsWith("/media/images/", withPoster.Video.PosterUrl, StringComparison.Ordinal);
        var image = await host.Http.GetAsync(withPoster.PosterUrl);
        Assert.Equal(("image/webp", HttpStatusCode.OK), (image.Content.Headers.ContentType?.MediaType, image.StatusCode));

        var removed = await host.Http.DeleteAsync(ApiRoutes.Show(show.Id) + "/poster");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(productCover, (await CoverAsync(host, show.Id)).CoverImageUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync(withPoster.PosterUrl)).StatusCode);
    }

    [Fact]
    public async Task Poster_TextFile_400ImageInvalid_NoPoster()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Text is no poster");
        var text = new ByteArrayContent("not a picture at all"u8.ToArray());
        text.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var response = await host.Http.PostAsync(ApiRoutes.Show(show.Id) + "/poster", new MultipartFormDataContent { { text, "file", "poster.png" } });

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, ProblemCodes.ImageInvalid);
        Assert.Null((await host.Http.GetShowAsync(show.Id)).PosterUrl);
    }

    private static UpdateShowRequest Same(ShowDetailDto show) =>
        new(show.Title, show.Description, show.ScheduledStart, [.. show.Lineup.Select(l => l.ProductId)]);

    private static MultipartFormDataContent PngForm()
    {
        var png = new ByteArrayContent(TestImages.Encode(SKEncodedImageFormat.Png, 320, 180));
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { png, "file", "poster.png" } };
    }

    /// <summary>The show as the host's list shows it (the home page's list holds only the next few shows).</summary>
    private static async Task<ShowSummaryDto> CoverAsync(SignedIn host, Guid showId) =>
        (await host.Http.GetFromJsonAsync<List<ShowSummaryDto>>(ApiRoutes.MyShows))!.Single(s => s.Id == showId);

    private static async Task AssertUnchangedAsync(SignedIn host, ShowDetailDto before)
    {
        var after = await host.Http.GetShowAsync(before.Id);
        Assert.Equal((before.Title, before.Description, before.ScheduledStart, before.PosterUrl), (after.Title, after.Description, after.ScheduledStart, after.PosterUrl));
        Assert.Equal(before.Lineup.Select(l => l.ProductId), after.Lineup.Select(l => l.ProductId));
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
    }
}
