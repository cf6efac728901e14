using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;

namespace LiveShop.Server.Tests.Features.Accounts;

public class AccountEndpointsTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task SignIn_DemoAccount_HasItsRoleAndName(string email, string displayName, string role)
    {
        var signedIn = await factory.SignInAsync(email);

        var me = await signedIn.Http.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me);

        Assert.True(me!.IsAuthenticated);
        Assert.Equal(displayName, me.DisplayName);
        Assert.Equal([role], me.Roles);
        Assert.False(me.IsGuest);
    }

    public static TheoryData<string, string, string> DemoAccounts()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var account in DemoSeeder.Accounts)
        {
            data.Add(account.Email, account.DisplayName, account.Role);
        }

        return data;
    }

    [Fact]
    public async Task SignIn_WrongPassword_400AndStillAnonymous()
    {
        var http = factory.NewBrowser();

        var response = await http.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(DemoSeeder.HostAccount.Email, "not-the-password", false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.SignInFailed, problem.Code);
        Assert.Equal("That email and password do not match an account.", problem.Detail);
        Assert.False((await http.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me))!.IsAuthenticated);
    }

    [Fact]
    public async Task Register_Viewer_SignedInWithViewerRole()
    {
        var viewer = await factory.RegisterAsync(asHost: false, "Fresh Viewer");

        var me = await viewer.Http.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me);

        Assert.Equal("Fresh Viewer", me!.DisplayName);
        Assert.Equal([Roles.Viewer], me.Roles);
    }

    [Fact]
    public async Task Register_ExistingEmail_409()
    {
        var http = factory.NewBrowser();

        var response = await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest(DemoSeeder.ViewerAccount.Email, "Passw0rd-test", "Copycat", false));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ProblemCodes.RegistrationFailed, (await Problem.ReadAsync(response)).Code);
    }

    [Theory]
    [InlineData("not-an-email", "Passw0rd-test", "Name")]
    [InlineData("weak@liveshop.test", "short", "Name")]
    [InlineData("noname@liveshop.test", "Passw0rd-test", " ")]
    public async Task Register_BadInput_400AndNoAccount(string email, string password, string displayName)
    {
        var http = factory.NewBrowser();

        var response = await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest(email, password, displayName, false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await Problem.ReadAsync(response)).Detail));
        var signIn = await http.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, password, false));
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }

    [Fact]
    public async Task Guest_OnlyName_SignedInAsGuestWithoutRoles()
    {
        var guest = await factory.GuestAsync("  Mei’s friend  ");

        var me = await guest.Http.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me);

        Assert.True(me!.IsAuthenticated);
        Assert.True(me.IsGuest);
        Assert.Equal("Mei’s friend", me.DisplayName);
        Assert.Empty(me.Roles);
    }

    [Theory]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("This display name is far too long for a chat line")]
    public async Task Guest_BadName_400(string name)
    {
        var response = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.Guest, new GuestRequest(name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemCodes.DisplayNameInvalid, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var viewer = await factory.SignInAsync(DemoSeeder.SecondViewerAccount.Email);

        (await viewer.Http.PostAsync(ApiRoutes.SignOut, null)).EnsureSuccessStatusCode();

        Assert.False((await viewer.Http.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me))!.IsAuthenticated);
    }
}

public class ProductionSeedingTests(ProductionLiveShopFactory factory) : IClassFixture<ProductionLiveShopFactory>
{
    [Fact]
    public async Task Production_NoDemoAccountsOrShows()
    {
        var http = factory.NewBrowser();

        var signIn = await http.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(DemoSeeder.HostAccount.Email, DemoSeeder.DemoPassword, false));
        var shows = await http.GetFromJsonAsync<LiveShop.Shared.Shows.ShowListDto>(ApiRoutes.Shows);

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Empty(shows!.Upcoming);
    }

    [Fact]
    public async Task Production_RolesExistSoRegistrationWorks()
    {
        var host = await factory.RegisterAsync(asHost: true, "First Seller");

        Assert.Equal([Roles.Host], host.User.Roles);
    }
}
