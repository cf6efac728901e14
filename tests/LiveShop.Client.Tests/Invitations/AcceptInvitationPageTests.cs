using System.Net;
using Bunit.TestDoubles;
using System.Security.Claims;
using System.Text.Json;
using LiveShop.Client.Features.Invitations;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Invitations;

public sealed class AcceptInvitationPageTests : BunitTestBase
{
    private const string Token = "t0k3n-from-the-mail";
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Task<AuthenticationState> SignedOut = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    private readonly FakeApi _api;

    public AcceptInvitationPageTests()
        : this(new FakeApi())
    {
    }

    private AcceptInvitationPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
    }

    [Fact]
    public void Accept_NewAccount_SendsNameAndPasswordAndOpensTheHostsShows()
    {
        GivenInvitation(ShopRole.Host, accountExists: false);
        _api.Answer(HttpMethod.Post, ApiRoutes.AcceptInvitation, FakeApi.Json(HttpStatusCode.OK, new MyShopDto(ShopId, "Formosa Tea & Beauty", "formosa-tea", null, ShopRole.Host, false)));
        var page = Render(SignedOut);

        Assert.Equal("Mei Lin invites you to join Formosa Tea & Beauty as a host", page.Find("[data-testid=invitation-headline]").TextContent.Trim());
        Assert.Contains("ann@example.com", page.Find("[data-testid=invitation-email]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Create account and join", page.Find("[data-testid=invitation-accept]").TextContent.Trim());
        Field(page, "invitation-name").Change("Ann Chen");
        Field(page, "invitation-password").Change("tea-time-42");
        page.Find("[data-testid=invitation-form]").Submit();

        var navigation = Ctx.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Equal("http://localhost/host", navigation.Uri));
        Assert.True(navigation.History.Single().Options.ForceLoad);
        Assert.Equal(new AcceptInvitationRequest(Token, "tea-time-42", "Ann Chen"), SentAccept());
    }

    [Fact]
    public void Accept_ExistingAccount_SignsInWithThePasswordOnlyAndOpensTheCatalog()
    {
        GivenInvitation(ShopRole.Manager, accountExists: true);
        _api.Answer(HttpMethod.Post, ApiRoutes.AcceptInvitation, FakeApi.Json(HttpStatusCode.OK, new MyShopDto(ShopId, "Formosa Tea & Beauty", "formosa-tea", null, ShopRole.Manager, false)));
        var page = Render(SignedOut);

        Assert.Empty(page.FindAll("[data-testid=invitation-name]"));
        Assert.Equal("Sign in and join", page.Find("[data-testid=invitation-accept]").TextContent.Trim());
        Field(page, "invitation-password").Change("my-old-pass1");
        page.Find("[data-testid=invitation-form]").Submit();

        var navigation = Ctx.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Equal($"http://localhost/shops/{ShopId}/products", navigation.Uri));
        Assert.Equal(new AcceptInvitationRequest(Token, "my-old-pass1", null), SentAccept());
    }

    [Fact]
    public void Accept_WrongPassword_ShowsTheServersSentence()
    {
        GivenInvitation(ShopRole.Manager, accountExists: true);
        _api.Answer(HttpMethod.Post, ApiRoutes.AcceptInvitation, FakeApi.Problem(HttpStatusCode.BadRequest, ProblemCodes.SignInFailed, "That is not the password of ann@example.com."));
        var page = Render(SignedOut);

        Field(page, "invitation-password").Change("nope-nope1");
        page.Find("[data-testid=invitation-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("That is not the password of ann@example.com.", page.Find("[data-testid=invitation-error]").TextContent.Trim()));
        Assert.Empty(Ctx.Services.GetRequiredService<BunitNavigationManager>().History);
    }

    [Fact]
    public void Render_SignedInAsTheInvitedEmail_JoinsWithOneClick()
    {
        GivenInvitation(ShopRole.Moderator, accountExists: true);
        _api.Answer(HttpMethod.Post, ApiRoutes.AcceptInvitation, FakeApi.Json(HttpStatusCode.OK, new MyShopDto(ShopId, "Formosa Tea & Beauty", "formosa-tea", null, ShopRole.Moderator, false)));
        var page = Render(SignedInWithEmail("ANN@example.com"));

        Assert.Empty(page.FindAll("[data-testid=invitation-password]"));
        page.Find("[data-testid=invitation-join]").Click();

        var navigation = Ctx.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Equal("http://localhost/", navigation.Uri));
        Assert.Equal(new AcceptInvitationRequest(Token, null, null), SentAccept());
    }

    [Fact]
    public void Render_Expired_SaysSoWithTheServersSentenceAndOffersNoForm()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Invitation(Token), FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.InvitationExpired, "This invitation expired on 7 March."));
        var page = Render(SignedOut, wait: "[data-testid=invitation-unusable]");

        Assert.Equal("This invitation has expired", page.Find("[data-testid=invitation-unusable] h1").TextContent.Trim());
        Assert.Equal("This invitation expired on 7 March.", page.Find("[data-testid=invitation-unusable-reason]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=invitation-form]"));
        Assert.Empty(page.FindAll("[data-testid=invitation-join]"));
    }

    private static Task<AuthenticationState> SignedInWithEmail(string email)
    {
        var user = SignedIn.As(Guid.NewGuid(), "Ann Chen", Roles.Viewer).Result.User;
        ((ClaimsIdentity)user.Identity!).AddClaim(new Claim(ClaimTypes.Email, email));
        return Task.FromResult(new AuthenticationState(user));
    }

    private void GivenInvitation(ShopRole role, bool accountExists) =>
        _api.Answer(HttpMethod.Get, ApiRoutes.Invitation(Token), FakeApi.Json(HttpStatusCode.OK,
            new InvitationPreviewDto("Formosa Tea & Beauty", "ann@example.com", role, "Mei Lin", DeviceNow.AddDays(7), accountExists)));

    private IRenderedComponent<AcceptInvitationPage> Render(Task<AuthenticationState> auth, string wait = "[data-testid=invitation-headline]")
    {
        var page = Ctx.Render<AcceptInvitationPage>(p => p.Add(c => c.Token, Token).AddCascadingValue(auth));
        page.WaitForElement(wait);
        return page;
    }

    private AcceptInvitationRequest SentAccept() =>
        JsonSerializer.Deserialize<AcceptInvitationRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post).Body!, JsonSerializerOptions.Web)!;

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<AcceptInvitationPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input");
}
