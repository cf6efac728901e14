using LiveShop.Client.Pages.Host;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static LiveShop.Client.Tests.TestDoubles.SalesFixtures;

namespace LiveShop.Client.Tests.Pages.Host;

/// <summary>The console as prerendered (the live connection starts only once interactive).</summary>
public sealed class HostConsoleTests : BunitTestBase
{
    public HostConsoleTests()
    {
        Ctx.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var navigation = Ctx.Services.GetRequiredService<NavigationManager>();
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton<IShowReader>(new OneShowReader(Show()))
            .AddSingleton(new ApiClient(new FakeSalesApi().CreateClient()))
            .AddSingleton<ILiveShowConnection>(new LiveShowConnection(navigation, Clock))
            .BuildServiceProvider());
    }

    private IRenderedComponent<HostConsole> Render(Guid userId) => Ctx.Render<HostConsole>(p => p
        .Add(c => c.Id, ShowId)
        .AddCascadingValue(SignedIn.As(userId, "Someone", Roles.Host)));

    [Theory]
    [MemberData(nameof(HostAndCoHost))]
    public void Render_HostOrCoHost_ShowsTheGmvTickerAndTheSalesButton(Guid userId)
    {
        var cut = Render(userId);

        Assert.Equal($"host/shows/{ShowId}/sales", cut.Find("[data-testid=open-sales]").GetAttribute("href"));
        Assert.Equal("—", cut.Find("[data-testid=console-gmv]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=console-title]"));
    }

    public static TheoryData<Guid> HostAndCoHost => [HostId, CoHostId];

    [Fact]
    public void Render_AnotherHost_HasNoSalesTickerOrButton()
    {
        var cut = Render(Guid.NewGuid());

        Assert.Empty(cut.FindAll("[data-testid=open-sales]"));
        Assert.Empty(cut.FindAll("[data-testid=console-gmv]"));
        Assert.NotNull(cut.Find("[data-testid=not-your-show]"));
    }

    private sealed class OneShowReader(ShowDetailDto show) : IShowReader
    {
        public Task<ShowDetailDto?> GetAsync(Guid id) => Task.FromResult(id == show.Id ? show : null);

        public Task<ShowListDto> ListAsync() => throw new NotSupportedException();

        public Task<IReadOnlyList<ShowSummaryDto>> MineAsync() => throw new NotSupportedException();

        public Task<IReadOnlyList<ProductDto>> ProductsAsync(string? currency) => throw new NotSupportedException();
    }
}
