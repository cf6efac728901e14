using LiveShop.Client.Components;
using LiveShop.Shared;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.Components;

public sealed class ShowCardTests : BunitTestBase
{
    private static ShowSummaryDto Summary(
        int lineupCount = 6,
        string? coverImageUrl = "https://img.example/cover.jpg",
        ShowStatus status = ShowStatus.Live) => new(
            Id: Guid.Parse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"),
            Title: "Spring tea tasting",
            Host: new HostDto(Guid.NewGuid(), "Mei's Tea House"),
            Status: status,
            ScheduledStart: new DateTimeOffset(2025, 3, 14, 19, 30, 0, TimeSpan.FromHours(8)),
            WentLiveAt: null,
            EndedAt: null,
            Currency: Currencies.Twd,
            CoverImageUrl: coverImageUrl,
            LineupCount: lineupCount);

    [Fact]
    public void Render_Show_ShowsTitleHostCountAndCurrency()
    {
        var cut = Ctx.Render<ShowCard>(p => p.Add(c => c.Show, Summary(lineupCount: 6)));

        Assert.Equal("Spring tea tasting", cut.Find("[data-testid=show-card-title]").TextContent.Trim());
        var text = cut.Find("[data-testid=show-card]").TextContent;
        Assert.Contains("Mei's Tea House", text, StringComparison.Ordinal);
        Assert.Contains("6 products", text, StringComparison.Ordinal);
        Assert.Contains("TWD", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OneProduct_UsesSingular()
    {
        var cut = Ctx.Render<ShowCard>(p => p.Add(c => c.Show, Summary(lineupCount: 1)));

        var text = cut.Find("[data-testid=show-card]").TextContent;
        Assert.Contains("1 product ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("products", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoLink_LinksToViewerPage()
    {
        var show = Summary();

        var cut = Ctx.Render<ShowCard>(p => p.Add(c => c.Show, show));

        Assert.Equal($"shows/{show.Id}", cut.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void Render_LinkSet_LinksToGivenLink()
    {
        var cut = Ctx.Render<ShowCard>(p => p
            .Add(c => c.Show, Summary())
            .Add(c => c.Link, "host/shows/42"));

        Assert.Equal("host/shows/42", cut.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void Render_CoverImage_ShowsImage()
    {
        var cut = Ctx.Render<ShowCard>(p => p.Add(c => c.Show, Summary(coverImageUrl: "https://img.example/cover.jpg")));

        Assert.Equal("https://img.example/cover.jpg", cut.Find("img").GetAttribute("src"));
    }

    [Fact]
    public void Render_NoCoverImage_RendersNoImage()
    {
        var cut = Ctx.Render<ShowCard>(p => p.Add(c => c.Show, Summary(coverImageUrl: null)));

        Assert.Empty(cut.FindAll("img"));
    }

    [Theory]
    [InlineData(ShowStatus.Live, "LIVE")]
    [InlineData(ShowStatus.Ended, "Ended")]
    public void Render_Show_ContainsBadgeWithShowStatus(ShowStatus status, string expectedText)
    {
        var cut = Ctx.Render<ShowCard>(p => p.Add(c => c.Show, Summary(status: status)));

        var badge = cut.Find("[data-testid=status-badge]");
        Assert.Equal(status.ToString(), badge.GetAttribute("data-status"));
        Assert.Equal(expectedText, badge.TextContent.Trim());
    }
}
