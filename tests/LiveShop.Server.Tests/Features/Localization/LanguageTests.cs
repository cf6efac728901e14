using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Localization;

/// <summary>
/// Which language a person is answered in: the browser's Accept-Language until they pick one; the pick is kept in a
/// cookie and their profile and follows them to another browser at sign-in; the prerendered page and refusals use it.
/// </summary>
public class LanguageTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Theory]
    [InlineData("zh-TW", "zh-TW", "登入")]
    [InlineData("zh-HK,zh;q=0.8", "zh-TW", "登入")]
    [InlineData("zh-CN", "zh-CN", "登录")]
    [InlineData("zh-Hans-SG", "zh-CN", "登录")]
    [InlineData("el-GR,el;q=0.9,en;q=0.8", "el", "Σύνδεση")]
    [InlineData("fr-FR,el;q=0.5", "el", "Σύνδεση")]
    [InlineData("ja-JP", "en", "Sign in")]
    public async Task HomePage_FollowsAcceptLanguage_InHtmlLangAndText(string acceptLanguage, string expectedLang, string signIn)
    {
        var http = factory.NewBrowser();

        var html = await GetPageAsync(http, "/", acceptLanguage);

        Assert.Contains($"<html lang=\"{expectedLang}\">", html);
        Assert.Contains($">{signIn}</", html);
    }

    [Fact]
    public async Task PickedLanguage_BeatsTheBrowser_AndIsKeptInTheProfile_ForTheNextSignIn()
    {
        var viewer = await factory.RegisterAsync(asHost: false, "Eleni");

        var pick = await viewer.Http.PostAsJsonAsync(ApiRoutes.Language, new LanguageChoice("el"));

        Assert.Equal(HttpStatusCode.NoContent, pick.StatusCode);
        Assert.Contains("<html lang=\"el\">", await GetPageAsync(viewer.Http, "/", "zh-TW"));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal("el", (await users.FindByIdAsync(viewer.User.Id!.Value.ToString()))!.Language);
        }

        // Another browser, whose own language is Chinese: once she signs in, her pick follows her.
        var email = viewer.User.Email!;
        var other = factory.NewBrowser();
        Assert.Contains("<html lang=\"zh-TW\">", await GetPageAsync(other, "/", "zh-TW"));
        (await other.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, "Passw0rd-test", false))).EnsureSuccessStatusCode();
        Assert.Contains("<html lang=\"el\">", await GetPageAsync(other, "/", "zh-TW"));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("qps-ploc")]
    [InlineData("el-GR-x-very-long-tag")]
    public async Task UnknownLanguage_400_AndNothingKept(string language)
    {
        var http = factory.NewBrowser();

        var response = await http.PostAsJsonAsync(ApiRoutes.Language, new LanguageChoice(language));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.ValidationFailed, problem.Code);
        Assert.Contains("Ελληνικά", problem.Detail);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("el", "Δεν υπάρχει εκπομπή με αυτό το αναγνωριστικό.", "Δεν βρέθηκε.")]
    [InlineData("zh-TW", "找不到這場直播。", "找不到。")]
    [InlineData("en", "There is no show with that id.", "Not found.")]
    public async Task Refusal_IsInTheCallersLanguage_WithTheSameCode(string language, string detail, string title)
    {
        var http = factory.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Show(Guid.NewGuid()));
        request.Headers.AcceptLanguage.ParseAdd(language);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.ShowNotFound, problem.Code);
        Assert.Equal(detail, problem.Detail);
        Assert.Equal(title, problem.Title);
    }

    private static async Task<string> GetPageAsync(HttpClient http, string path, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
