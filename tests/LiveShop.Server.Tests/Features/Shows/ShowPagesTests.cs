using System.Net;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;

namespace LiveShop.Server.Tests.Features.Shows;

/// <summary>The pages are prerendered: what they show is in the HTML before WebAssembly starts.</summary>
public class ShowPagesTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task ShowPage_Prerendered_HasTitleHostBadgeAndLineup()
    {
        var html = await factory.NewBrowser().GetStringAsync($"/shows/{DemoSeeder.DemoShowId}");

        Assert.Contains("Friday Night Tea &amp; Beauty", html, StringComparison.Ordinal);
        Assert.Contains("Mei Lin", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"status-badge\" data-status=\"Scheduled\"", html, StringComparison.Ordinal);
        Assert.Contains("Alishan High-Mountain Oolong, 150 g", html, StringComparison.Ordinal);
        Assert.Contains("NT$890", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowPage_UnknownShow_404WithAHumanPage()
    {
        var response = await factory.NewBrowser().GetAsync($"/shows/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing here", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_Prerendered_ListsTheUpcomingDemoShow()
    {
        var html = await factory.NewBrowser().GetStringAsync("/");

        Assert.Contains("Upcoming", html, StringComparison.Ordinal);
        Assert.Contains($"shows/{DemoSeeder.DemoShowId}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostConsole_Anonymous_RedirectedToSignIn()
    {
        var response = await factory.NewBrowser().GetAsync($"/host/shows/{DemoSeeder.DemoShowId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location?.OriginalString.Replace(factory.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostConsole_Viewer_SentToAPageSayingItIsForHosts()
    {
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);

        var response = await viewer.Http.GetAsync($"/host/shows/{DemoSeeder.DemoShowId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/account/access-denied", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
        var html = await viewer.Http.GetStringAsync(location);
        Assert.Contains("This page is for hosts", html, StringComparison.Ordinal);
        Assert.DoesNotContain("go-live-button", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostConsole_Host_HasGoLiveButton()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);

        var html = await host.Http.GetStringAsync($"/host/shows/{DemoSeeder.DemoShowId}");

        Assert.Contains("data-testid=\"go-live-button\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoMedia_ClipAndImagesAreServed()
    {
        var http = factory.NewBrowser();

        var clip = await http.GetAsync("/media/demo.mp4");
        var image = await http.GetAsync("/img/products/oolong-tea.svg");

        Assert.Equal(HttpStatusCode.OK, clip.StatusCode);
        Assert.Equal("video/mp4", clip.Content.Headers.ContentType?.MediaType);
        Assert.True(clip.Content.Headers.ContentLength > 10_000);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
    }
}
