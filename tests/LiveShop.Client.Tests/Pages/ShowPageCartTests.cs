using System.Net;
using System.Net.Sockets;
using LiveShop.Client.Pages;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Pages;

/// <summary>
/// The show page keeps the cart in the browser's localStorage, so signing in or continuing as a
/// guest (a full reload) does not empty it. JS interop is loose, with <c>localStorage.getItem</c>
/// answering what the browser kept; the writes are read back from the recorded invocations.
/// </summary>
public sealed class ShowPageCartTests : CheckoutTestBase, IDisposable
{
    private static readonly string Key = $"liveshop.cart.{ShowId}";

    /// <summary>The live room: accepts the page's connection and never answers (the room is not under test here).</summary>
    private readonly TcpListener _room = new(IPAddress.Loopback, 0);

    public ShowPageCartTests()
    {
        _room.Start();
        var room = new FixedNavigationManager($"http://127.0.0.1:{((IPEndPoint)_room.LocalEndpoint).Port}/");
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton<IShowReader>(new OneShowReader(Detail(DeviceNow)))
            .AddTransient<ILiveShowConnection>(_ => new LiveShowConnection(room, Clock))
            .BuildServiceProvider());
    }

    [Fact]
    public void AddToCart_KeepsTheProductIdsAndQuantitiesInTheBrowser_AndRemovingTheLastLineForgetsThem()
    {
        var page = RenderPage(signedIn: true);
        page.WaitForAssertion(() => Assert.Single(Ctx.JSInterop.Invocations["localStorage.getItem"]));

        page.Find($"[data-testid=lineup-add-{Jade}]").Click();
        page.Find($"[data-testid=lineup-add-{Jade}]").Click();
        page.Find($"[data-testid=lineup-add-{Oolong}]").Click();

        Assert.Equal($$"""{"lines":[{"productId":"{{Jade}}","quantity":2},{"productId":"{{Oolong}}","quantity":1}]}""", StoredValue());

        page.Find("[data-testid=cart-open]").Click();
        page.Find($"[data-testid=cart-line-{Oolong}] [data-testid=cart-remove]").Click();
        Assert.Equal($$"""{"lines":[{"productId":"{{Jade}}","quantity":2}]}""", StoredValue());

        page.Find("[data-testid=cart-remove]").Click();
        Assert.Equal(Key, Ctx.JSInterop.Invocations["localStorage.removeItem"][^1].Arguments[0]);
    }

    [Fact]
    public void Reload_KeptCartComesBack_UnknownProductDropped_QuantitiesClamped()
    {
        var gone = Guid.NewGuid();
        GivenKept($$"""{"lines":[{"productId":"{{Jade}}","quantity":250},{"productId":"{{gone}}","quantity":2},{"productId":"{{Oolong}}","quantity":0}]}""");

        var page = RenderPage(signedIn: true);

        page.WaitForAssertion(() => Assert.Equal("100", page.Find("[data-testid=cart-count]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=cart-sheet]"));
        page.Find("[data-testid=cart-open]").Click();
        var lines = page.FindAll("li[data-testid^=cart-line-]");
        Assert.Equal(2, lines.Count);
        Assert.Equal("Jade Face Roller", lines[0].QuerySelector("[data-testid=cart-line-name]")!.TextContent.Trim());
        Assert.Equal("99", lines[0].QuerySelector("[data-testid=cart-qty]")!.TextContent.Trim());
        Assert.Equal("Alishan oolong 150g", lines[1].QuerySelector("[data-testid=cart-line-name]")!.TextContent.Trim());
        Assert.Equal("1", lines[1].QuerySelector("[data-testid=cart-qty]")!.TextContent.Trim());
        Assert.Empty(page.FindAll($"[data-testid=cart-line-{gone}]"));

        // What is kept now is what the cart shows.
        Assert.Equal($$"""{"lines":[{"productId":"{{Jade}}","quantity":99},{"productId":"{{Oolong}}","quantity":1}]}""", StoredValue());
    }

    [Fact]
    public void Buy_Anonymous_SignInAndGuestComeBackToTheCheckout()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(Ctx.JSInterop.Invocations["localStorage.getItem"]));

        page.Find($"[data-testid=lineup-add-{Jade}]").Click();
        page.Find("[data-testid=cart-open]").Click();

        var back = Uri.EscapeDataString($"/shows/{ShowId}?checkout=1&product={Jade}");
        Assert.Equal($"account/sign-in?returnUrl={back}", page.Find("[data-testid=cart-sign-in]").GetAttribute("href"));
        Assert.Equal($"account/guest?returnUrl={back}", page.Find("[data-testid=cart-guest]").GetAttribute("href"));
    }

    [Fact]
    public void BackFromSignIn_WithAKeptCart_OpensTheCartAtTheCartStep()
    {
        GivenKept($$"""{"lines":[{"productId":"{{Jade}}","quantity":2}]}""");

        var page = RenderPage(signedIn: true, query: $"?checkout=1&product={Jade}");

        page.WaitForAssertion(() => Assert.Equal("cart", page.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        Assert.Equal("2", page.Find($"[data-testid=cart-line-{Jade}] [data-testid=cart-qty]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=checkout-next]"));
        Assert.Empty(page.FindAll("[data-testid=product-sheet]"));
    }

    [Fact]
    public void ShareLink_WithoutCheckout_StillOpensTheProduct()
    {
        GivenKept($$"""{"lines":[{"productId":"{{Jade}}","quantity":2}]}""");

        var page = RenderPage(query: $"?product={Oolong}");

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=cart-count]").TextContent.Trim()));
        Assert.Equal("Alishan oolong 150g", page.Find("[data-testid=product-sheet] [data-testid=sheet-title]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=cart-sheet]"));
    }

    [Fact]
    public void PlaceOrder_ForgetsTheKeptCart()
    {
        GivenKept($$"""{"lines":[{"productId":"{{Oolong}}","quantity":1}]}""");
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, Order("1050", OrderStatus.Paid, DeviceNow)));
        var snackbars = Ctx.Render<MudSnackbarProvider>();
        var page = RenderPage(signedIn: true, query: $"?checkout=1&product={Oolong}");
        page.WaitForElement("[data-testid=cart-sheet]");
        Assert.Empty(Ctx.JSInterop.Invocations["localStorage.removeItem"]);

        page.Find("[data-testid=checkout-next]").Click();
        page.WaitForAssertion(() => Assert.Equal("Mei Lin", page.Find("input[data-testid=address-name], [data-testid=address-name] input").GetAttribute("value")));
        page.Find("[data-testid=address-form]").Submit();
        page.WaitForElement("[data-testid=place-order]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("Order #1050 placed", snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(new PlaceOrderLine(Oolong, 1, 480m), Assert.Single(Assert.Single(Api.OrderAttempts).Order.Lines));
        page.WaitForAssertion(() => Assert.Equal(Key, Assert.Single(Ctx.JSInterop.Invocations["localStorage.removeItem"]).Arguments[0]));
        Assert.Empty(page.FindAll("[data-testid=cart-count]"));
    }

    [Theory]
    [InlineData("not json {")]
    [InlineData("[1,2,3]")]
    [InlineData("\"a string\"")]
    [InlineData("""{"lines":"jade"}""")]
    [InlineData("""{"lines":[{"productId":"jade","quantity":"two"},42,null]}""")]
    public void CorruptOrForeignKeptValue_IsIgnored_BackFromSignInShowsTheChosenProduct(string kept)
    {
        GivenKept(kept);

        var page = RenderPage(signedIn: true, query: $"?checkout=1&product={Jade}");

        page.WaitForAssertion(() => Assert.Equal("Jade Face Roller", page.Find("[data-testid=product-sheet] [data-testid=sheet-title]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=cart-count]"));
        Assert.Empty(page.FindAll("[data-testid=cart-sheet]"));
        Assert.Equal("Cart, empty", page.Find("[data-testid=cart-open]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Prerender_LeavesTheBrowserStorageAlone()
    {
        Ctx.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        GivenKept($$"""{"lines":[{"productId":"{{Jade}}","quantity":2}]}""");

        var page = RenderPage(query: "?checkout=1");

        Assert.NotNull(page.Find("[data-testid=show-page]"));
        Assert.Empty(Ctx.JSInterop.Invocations["localStorage.getItem"]);
        Assert.Empty(page.FindAll("[data-testid=cart-count]"));
    }

    private void GivenKept(string value) => Ctx.JSInterop.Setup<string?>("localStorage.getItem", Key).SetResult(value);

    /// <summary>The value last written with <c>localStorage.setItem</c> under the show's key.</summary>
    private string? StoredValue()
    {
        var writes = Ctx.JSInterop.Invocations["localStorage.setItem"].Where(i => Equals(i.Arguments[0], Key)).ToList();
        return writes.Count == 0 ? null : (string?)writes[^1].Arguments[1];
    }

    private IRenderedComponent<ShowPage> RenderPage(bool signedIn = false, string query = "")
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"shows/{ShowId}{query}");
        return Ctx.Render<ShowPage>(p =>
        {
            p.Add(c => c.Id, ShowId);
            if (signedIn)
            {
                p.AddCascadingValue(SignedIn.As(Buyer, "Mei Lin"));
            }
        });
    }

    public void Dispose() => _room.Dispose();

    private sealed class FixedNavigationManager : NavigationManager
    {
        public FixedNavigationManager(string baseUri) => Initialize(baseUri, baseUri);
    }

    private sealed class OneShowReader(ShowDetailDto show) : IShowReader
    {
        public Task<ShowDetailDto?> GetAsync(Guid id) => Task.FromResult(id == show.Id ? show : null);

        public Task<ShowListDto> ListAsync() => throw new NotSupportedException();

        public Task<IReadOnlyList<ShowSummaryDto>> MineAsync() => throw new NotSupportedException();

        public Task<IReadOnlyList<ProductDto>> ProductsAsync(string? currency) => throw new NotSupportedException();
    }
}
