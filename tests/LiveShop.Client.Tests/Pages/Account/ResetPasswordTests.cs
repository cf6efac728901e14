using System.Net;
using System.Text.Json;
using LiveShop.Client.Pages.Account;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Pages.Account;

public sealed class ResetPasswordTests : BunitTestBase
{
    private static readonly Guid UserId = Guid.Parse("0192b3c4-0000-7000-8000-000000000042");
    private readonly FakeApi _api;

    public ResetPasswordTests()
        : this(new FakeApi())
    {
    }

    private ResetPasswordTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
    }

    [Fact]
    public void Submit_MatchingPasswords_SendsTheMailedCodeAndSaysSignIn()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.ResetPassword, () => new HttpResponseMessage(HttpStatusCode.NoContent));
        var page = RenderWithLink();

        Type(page, "new-password", "Fresh-passw0rd");
        Type(page, "repeat-password", "Fresh-passw0rd");
        page.Find("[data-testid=reset-form]").Submit();

        page.WaitForElement("[data-testid=reset-done]");
        var sent = JsonSerializer.Deserialize<ResetPasswordRequest>(_api.Sent.Single().Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(new ResetPasswordRequest(UserId, "the-code", "Fresh-passw0rd"), sent);
        Assert.Equal("account/sign-in", page.Find("[data-testid=reset-sign-in]").GetAttribute("href"));
    }

    [Fact]
    public void Submit_PasswordsDiffer_SaysSoAndSendsNothing()
    {
        var page = RenderWithLink();

        Type(page, "new-password", "Fresh-passw0rd");
        Type(page, "repeat-password", "Fresh-passw0rd2");
        page.Find("[data-testid=reset-form]").Submit();

        Assert.Contains("The two passwords are not the same.", page.Markup, StringComparison.Ordinal);
        Assert.Empty(_api.Sent);
    }

    [Fact]
    public void Submit_UsedOrExpiredLink_ShowsTheServersSentenceAndOffersANewLink()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.ResetPassword,
            FakeApi.Problem(HttpStatusCode.BadRequest, ProblemCodes.EmailLinkInvalid, "This link is wrong, already used or expired. Ask for a new one."));
        var page = RenderWithLink();

        Type(page, "new-password", "Fresh-passw0rd");
        Type(page, "repeat-password", "Fresh-passw0rd");
        page.Find("[data-testid=reset-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("This link is wrong, already used or expired. Ask for a new one.", page.Find("[data-testid=form-error]").TextContent.Trim()));
        Assert.Equal("account/forgot-password", page.Find("[data-testid=reset-new-link]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=reset-done]"));
    }

    [Fact]
    public void Open_WithoutTheMailedLink_AsksForOne()
    {
        var page = Ctx.Render<ResetPassword>();

        Assert.NotNull(page.Find("[data-testid=reset-no-link]"));
        Assert.Empty(page.FindAll("[data-testid=reset-form]"));
    }

    /// <summary>Opened from the mail: the query carries the user and the code.</summary>
    private IRenderedComponent<ResetPassword> RenderWithLink()
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"account/reset-password?userId={UserId}&code=the-code");
        return Ctx.Render<ResetPassword>();
    }

    private static void Type<T>(IRenderedComponent<T> page, string testId, string text)
        where T : IComponent =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input").Change(text);
}
