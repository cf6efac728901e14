using System.Net;
using System.Text.Json;
using Bunit.TestDoubles;
using LiveShop.Client.Pages.Account;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Pages.Account;

/// <summary>The profile's e-mail, password and delete sections.</summary>
public sealed class ProfileSecurityTests : BunitTestBase
{
    private readonly FakeApi _api;

    public ProfileSecurityTests()
        : this(new FakeApi())
    {
    }

    private ProfileSecurityTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
        _api.Answer(HttpMethod.Get, ApiRoutes.Profile, FakeApi.Json(HttpStatusCode.OK, new ProfileDto("Ann", true, null)));
    }

    [Fact]
    public void Email_Unconfirmed_SaysSoAndResendsTheLink()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.AccountEmail, FakeApi.Json(HttpStatusCode.OK, new AccountEmailDto("ann@liveshop.test", false, true)));
        _api.Answer(HttpMethod.Post, ApiRoutes.ResendConfirmation, () => new HttpResponseMessage(HttpStatusCode.Accepted));
        var page = Ctx.Render<Profile>();

        page.WaitForElement("[data-testid=email-unconfirmed]");
        Assert.Equal("ann@liveshop.test", page.Find("[data-testid=account-email]").TextContent.Trim());
        page.Find("[data-testid=resend-confirmation]").Click();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Path == ApiRoutes.ResendConfirmation));
    }

    [Fact]
    public void Email_Change_SendsNewAddressAndPasswordAndSaysWhereTheLinkWent()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.AccountEmail, FakeApi.Json(HttpStatusCode.OK, new AccountEmailDto("ann@liveshop.test", true, true)));
        _api.Answer(HttpMethod.Post, ApiRoutes.ChangeEmail, () => new HttpResponseMessage(HttpStatusCode.Accepted));
        var page = Ctx.Render<Profile>();
        page.WaitForElement("[data-testid=email-confirmed]");
        Assert.Empty(page.FindAll("[data-testid=resend-confirmation]"));

        Type(page, "new-email", "ann.new@liveshop.test");
        Type(page, "change-email-password", "Passw0rd-test");
        page.Find("[data-testid=change-email-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains("We sent a link to ann.new@liveshop.test.", page.Find("[data-testid=change-email-sent]").TextContent, StringComparison.Ordinal));
        var sent = JsonSerializer.Deserialize<ChangeEmailRequest>(_api.Sent.Single(s => s.Path == ApiRoutes.ChangeEmail).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(new ChangeEmailRequest("ann.new@liveshop.test", "Passw0rd-test"), sent);
        Assert.Equal("ann@liveshop.test", page.Find("[data-testid=account-email]").TextContent.Trim());
    }

    [Fact]
    public void Email_ServerCannotSendMail_SaysSoAndOffersNoMailButtons()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.AccountEmail, FakeApi.Json(HttpStatusCode.OK, new AccountEmailDto("ann@liveshop.test", false, false)));
        var page = Ctx.Render<Profile>();

        page.WaitForElement("[data-testid=email-off]");
        Assert.Empty(page.FindAll("[data-testid=resend-confirmation]"));
        Assert.Empty(page.FindAll("[data-testid=change-email-form]"));
    }

    [Fact]
    public void Password_WrongCurrent_ShowsTheServersSentence()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.AccountEmail, FakeApi.Json(HttpStatusCode.OK, new AccountEmailDto("ann@liveshop.test", true, true)));
        _api.Answer(HttpMethod.Post, ApiRoutes.ChangePassword, FakeApi.Problem(HttpStatusCode.BadRequest, ProblemCodes.PasswordIncorrect, "Your current password is not right."));
        var page = Ctx.Render<Profile>();
        page.WaitForElement("[data-testid=password-section]");

        Type(page, "current-password", "wrong-one");
        Type(page, "new-password", "Fresh-passw0rd");
        Type(page, "repeat-password", "Fresh-passw0rd");
        page.Find("[data-testid=change-password-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("Your current password is not right.", page.Find("[data-testid=password-error]").TextContent.Trim()));
        var sent = JsonSerializer.Deserialize<ChangePasswordRequest>(_api.Sent.Single(s => s.Path == ApiRoutes.ChangePassword).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(new ChangePasswordRequest("wrong-one", "Fresh-passw0rd"), sent);
    }

    [Fact]
    public void Delete_NeedsConfirmAndPassword_ThenDeletesAndLeaves()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.AccountEmail, FakeApi.Json(HttpStatusCode.OK, new AccountEmailDto("ann@liveshop.test", true, true)));
        _api.Answer(HttpMethod.Post, ApiRoutes.DeleteAccount, () => new HttpResponseMessage(HttpStatusCode.NoContent));
        var page = Ctx.Render<Profile>();
        page.WaitForElement("[data-testid=delete-section]");
        Assert.True(page.Find("button[data-testid=delete-submit]").HasAttribute("disabled"));

        Type(page, "delete-password", "Passw0rd-test");
        Assert.True(page.Find("button[data-testid=delete-submit]").HasAttribute("disabled"));
        page.Find("input[data-testid=delete-understood], [data-testid=delete-understood] input").Change(true);
        page.Find("button[data-testid=delete-submit]").Click();

        var navigation = Ctx.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Equal("http://localhost/", navigation.Uri));
        var sent = JsonSerializer.Deserialize<DeleteAccountRequest>(_api.Sent.Single(s => s.Path == ApiRoutes.DeleteAccount).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal("Passw0rd-test", sent.Password);
    }

    [Fact]
    public void Guest_NoAccountSections()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.AccountEmail, FakeApi.Problem(HttpStatusCode.Forbidden, ProblemCodes.Forbidden, "Guests have no e-mail or password."));
        var page = Ctx.Render<Profile>();

        page.WaitForElement("[data-testid=profile-form]");
        Assert.Empty(page.FindAll("[data-testid=email-section]"));
        Assert.Empty(page.FindAll("[data-testid=delete-section]"));
    }

    private static void Type<T>(IRenderedComponent<T> page, string testId, string text)
        where T : IComponent =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input").Change(text);
}
