using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;

namespace LiveShop.Server.Tests.Features.Email;

/// <summary>Development without SMTP: mail lands in the pickup folder and on /dev/mailbox.</summary>
public class MailboxPageTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task Mailbox_AfterForgotPassword_ShowsTheMailWithItsLinkClickable()
    {
        var http = factory.NewBrowser();
        var email = $"box-{Guid.NewGuid():N}@liveshop.test";
        (await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest(email, "Passw0rd-test", "Box Tester", false))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Accepted, (await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ForgotPassword, new ForgotPasswordRequest(email))).StatusCode);

        string page = "";
        for (var i = 0; i < 200 && !page.Contains("Reset your LiveShop password", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
            page = await factory.NewBrowser().GetStringAsync("/dev/mailbox");
        }

        Assert.Contains("Reset your LiveShop password", page, StringComparison.Ordinal);
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{factory.BaseAddress}account/reset-password?userId=", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("Reset your LiveShop password", StringComparison.Ordinal) < page.IndexOf("Confirm your e-mail", StringComparison.Ordinal), "newest first");
        Assert.NotEmpty(Directory.GetFiles(factory.MailFolder, "*.eml"));
    }
}

/// <summary>Production without SMTP: no Mailbox page, and the mail-only steps say why they cannot work.</summary>
public class ProductionMailTests(ProductionLiveShopFactory factory) : IClassFixture<ProductionLiveShopFactory>
{
    [Fact]
    public async Task Mailbox_InProduction_404()
    {
        var response = await factory.NewBrowser().GetAsync("/dev/mailbox");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Mailbox", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgotPassword_NoSmtpInProduction_503WithASentenceAndRegisterStillWorks()
    {
        var http = factory.NewBrowser();
        var email = $"prod-{Guid.NewGuid():N}@liveshop.test";
        (await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest(email, "Passw0rd-test", "Prod Tester", false))).EnsureSuccessStatusCode();

        var response = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ForgotPassword, new ForgotPasswordRequest(email));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.EmailUnavailable, problem.Code);
        Assert.Contains("cannot send e-mail", problem.Detail, StringComparison.Ordinal);
        Assert.False((await http.GetFromJsonAsync<AccountEmailDto>(ApiRoutes.AccountEmail))!.CanSendEmail);
    }
}
