using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Localization;

/// <summary>
/// Refusals read in the caller's language, over HTTP and over the hub, with their arguments filled in and formatted for
/// that language (money, thousands), while the code a client acts on stays the same.
/// </summary>
public class RefusalLanguageTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0]; // NT$690

    [Fact]
    public async Task StalePrice_InGreek_NamesBothPricesInGreekMoney()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Τιμές");
        var buyer = await factory.GuestAsync("Νίκος");
        buyer.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("el");

        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 490m), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.PriceChanged, problem.Code);
        var greek = CultureInfo.GetCultureInfo("el");
        var name = room.Show.Lineup.Single(l => l.ProductId == Jade).Name;
        Assert.Equal(
            $"Η τιμή του «{name}» είναι τώρα {Currencies.Format(690m, room.Show.Currency, greek)} (είδατε {Currencies.Format(490m, room.Show.Currency, greek)}).",
            problem.Detail);
        Assert.Equal("Δεν είναι δυνατό στην τρέχουσα κατάσταση.", problem.Title);
    }

    [Fact]
    public async Task StockChangeOutOfRange_InSimplifiedChinese_CarriesTheLimitWithItsDigitGroups()
    {
        var (seller, shop) = await factory.RegisterSellerAsync("Spice Road", Currencies.Cny);
        var created = await seller.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(shop.Id), new SaveProductRequest("SPICE-1", "Sichuan Pepper", null, 38m, null, Currencies.Cny, 0));
        created.EnsureSuccessStatusCode();
        var product = (await created.Content.ReadFromJsonAsync<ShopProductDto>())!;
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.ProductStock(shop.Id, product.Id)) { Content = JsonContent.Create(new AdjustStockRequest(0, "Count")) };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var response = await seller.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.StockAdjustmentInvalid, problem.Code);
        Assert.Equal($"请增加或减少 1 到 {Limits.StockMax.ToString("N0", CultureInfo.GetCultureInfo("zh-CN"))} 件。", problem.Detail);
        Assert.Equal("请求无效。", problem.Title);
    }

    [Theory]
    [InlineData("el", "Μόνο οι παρουσιαστές μπορούν να κάνουν το εξής: δημιουργία εκπομπών.", "Δεν επιτρέπεται να το κάνετε αυτό.")]
    [InlineData("zh-CN", "只有主播可以创建直播。", "你没有权限执行此操作。")]
    [InlineData("en", "Only hosts can create shows.", "You may not do this.")]
    public async Task ViewerSchedulingAShow_403_WithTheWordsForTheRoleAndTheDeedTranslatedToo(string language, string detail, string title)
    {
        var viewer = await factory.RegisterAsync(asHost: false, "Just Watching");
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Shows) { Content = JsonContent.Create(ShowBuilder.Request("Not mine", LiveRoom.Lineup)) };
        request.Headers.AcceptLanguage.ParseAdd(language);

        var response = await viewer.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.Forbidden, problem.Code);
        Assert.Equal(detail, problem.Detail);
        Assert.Equal(title, problem.Title);
    }

    [Fact]
    public async Task MalformedQueryValue_InTraditionalChinese_SaysWhatTheValueMustBe()
    {
        var (seller, shop) = await factory.RegisterSellerAsync("Formosa Leaf", Currencies.Twd);
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.ShopProducts(shop.Id) + "?page=first");
        request.Headers.AcceptLanguage.ParseAdd("zh-TW");

        var response = await seller.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.ValidationFailed, problem.Code);
        Assert.Equal("「page」必須是整數。", problem.Detail);
    }

    [Fact]
    public async Task WeakPassword_InGreek_IdentitysOwnRulesAreTranslated()
    {
        var http = factory.NewBrowser();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("el");

        var response = await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest($"weak-{Guid.NewGuid():N}@liveshop.test", "short", "Name", false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.RegistrationFailed, problem.Code);
        Assert.Contains($"Ο κωδικός πρόσβασης πρέπει να έχει τουλάχιστον {Limits.PasswordMinLength} χαρακτήρες.", problem.Detail);
        Assert.DoesNotContain("Passwords must", problem.Detail);
    }

    [Fact]
    public async Task JoiningAnUnknownShow_OverTheHub_RefusedInGreek_WithTheCodeInFront()
    {
        await using var connection = await ConnectAsync("el");

        var refusal = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), Guid.NewGuid(), null));

        Assert.EndsWith($"[{ProblemCodes.ShowNotFound}] Δεν υπάρχει εκπομπή με αυτό το αναγνωριστικό.", refusal.Message);
    }

    [Fact]
    public async Task OverlongChatLine_OverTheHub_RefusedInSimplifiedChinese_WithBothNumbers()
    {
        await using var room = await LiveRoom.StartAsync(factory, "聊天");
        await using var connection = await ConnectAsync("zh-CN", room.Host.Cookies);
        await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);

        var refusal = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), room.Show.Id, new SendChatRequest(new string('好', Limits.ChatMessageMaxLength + 1), null)));

        Assert.EndsWith($"[{ProblemCodes.ChatTooLong}] 消息最多 {Limits.ChatMessageMaxLength} 个字符（当前为 {Limits.ChatMessageMaxLength + 1} 个）。", refusal.Message);
    }

    // Long polling sends the opening request's headers with every poll, so the hub's culture (taken from the connection's
    // HTTP context) is the one asked for; the WebSocket client would not send a custom header.
    private async Task<HubConnection> ConnectAsync(string language, CookieContainer? cookies = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.BaseAddress, HubRoutes.Live), HttpTransportType.LongPolling, options =>
            {
                options.Headers["Accept-Language"] = language;
                if (cookies is not null)
                {
                    options.Cookies = cookies;
                }
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}

/// <summary>The shipped rate limits, so that a limit is reached within a test.</summary>
public class RateLimitLanguageTests(DefaultLimitsFactory factory) : IClassFixture<DefaultLimitsFactory>
{
    [Fact]
    public async Task TooManyGuests_InGreek_SaysHowManySecondsToWait_AsTheRetryAfterHeaderDoes()
    {
        var http = factory.NewBrowser();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("el");
        HttpResponseMessage response;
        var tries = 0;
        do
        {
            response = await http.PostAsJsonAsync(ApiRoutes.Guest, new GuestRequest($"Bot {tries}"));
        }
        while (response.StatusCode != HttpStatusCode.TooManyRequests && ++tries < 50);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.RateLimited, problem.Code);
        var seconds = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        var wait = seconds == 1 ? "1 δευτερόλεπτο" : $"{seconds} δευτερόλεπτα";
        Assert.Equal($"Πάρα πολλά αιτήματα από τη διεύθυνσή σας. Δοκιμάστε ξανά σε {wait}.", problem.Detail);
        Assert.Equal("Πάρα πολλά αιτήματα.", problem.Title);
    }
}
