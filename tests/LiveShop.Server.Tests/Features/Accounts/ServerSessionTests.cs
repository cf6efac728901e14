using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;

namespace LiveShop.Server.Tests.Features.Accounts;

/// <summary>Sessions live on the server: ending one refuses its cookie at once, wherever a copy of it went.</summary>
public sealed class ServerSessionTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private const string Password = "Passw0rd-test";

    [Fact]
    public async Task SignOut_CookieCopiedBefore_Refused401()
    {
        var owner = await factory.RegisterAsync(asHost: false, "Careful Buyer");
        var thief = Browser(owner.Cookies);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync(ApiRoutes.Orders)).StatusCode);

        var signedOut = await owner.Http.PostAsync(ApiRoutes.SignOut, null);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync(ApiRoutes.Orders)).StatusCode);
    }

    [Fact]
    public async Task SignOut_GuestCookieCopiedBefore_NoLongerSignedIn()
    {
        var guest = await factory.GuestAsync("Quick Guest");
        var copy = Browser(guest.Cookies);
        Assert.True((await MeAsync(copy)).IsAuthenticated);

        await guest.Http.PostAsync(ApiRoutes.SignOut, null);

        Assert.False((await MeAsync(copy)).IsAuthenticated);
    }

    [Fact]
    public async Task ChangePassword_OtherBrowserRefusedAndThisOneStaysSignedIn()
    {
        var laptop = await factory.RegisterAsync(asHost: false, "Two Browsers");
        var phone = await factory.SignInAsync(laptop.User.Email!, Password);
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync(ApiRoutes.Orders)).StatusCode);

        var changed = await laptop.Http.PostAsJsonAsync(ApiRoutes.ChangePassword, new ChangePasswordRequest(Password, "An0ther-passw0rd"));

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.Http.GetAsync(ApiRoutes.Orders)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync(ApiRoutes.Orders)).StatusCode);
    }

    [Fact]
    public async Task DeleteAccount_EverySessionEnds()
    {
        var laptop = await factory.RegisterAsync(asHost: false, "Leaving Soon");
        var phone = await factory.SignInAsync(laptop.User.Email!, Password);

        var deleted = await laptop.Http.PostAsJsonAsync(ApiRoutes.DeleteAccount, new DeleteAccountRequest(Password));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.Http.GetAsync(ApiRoutes.Orders)).StatusCode);
    }

    private HttpClient Browser(CookieContainer from)
    {
        var http = factory.NewBrowser(out var cookies);
        cookies.Add(from.GetAllCookies());
        return http;
    }

    private static async Task<CurrentUserDto> MeAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me))!;
}
