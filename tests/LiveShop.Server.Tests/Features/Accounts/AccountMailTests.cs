using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Accounts;

/// <summary>Accounts that recover by e-mail, with the app's mail going through a real SMTP server inside the test.</summary>
public class AccountMailTests(SmtpLiveShopFactory factory) : IClassFixture<SmtpLiveShopFactory>
{
    private const string Password = "Passw0rd-test";
    private const string NewPassword = "Fresh-passw0rd";

    [Fact]
    public async Task Register_ConfirmationMailArrives_ItsLinkConfirmsTheAddress()
    {
        var (viewer, email) = await RegisterAsync();
        Assert.False((await viewer.Http.GetFromJsonAsync<AccountEmailDto>(ApiRoutes.AccountEmail))!.EmailConfirmed);

        var mail = await factory.Smtp.WaitForAsync(email, "Confirm your e-mail");
        var (link, query) = TestSmtpServer.LinkIn(mail);

        Assert.Equal("/account/confirm-email", link.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await factory.NewBrowser().GetAsync(link.PathAndQuery)).StatusCode);
        var confirm = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ConfirmEmail, new ConfirmEmailRequest(Guid.Parse(query["userId"]), query["code"]));
        Assert.Equal(HttpStatusCode.NoContent, confirm.StatusCode);
        var status = (await viewer.Http.GetFromJsonAsync<AccountEmailDto>(ApiRoutes.AccountEmail))!;
        Assert.True(status.EmailConfirmed);
        Assert.True(status.CanSendEmail);
    }

    [Fact]
    public async Task ConfirmEmail_WrongCode_400AndStillUnconfirmed()
    {
        var (viewer, _) = await RegisterAsync();

        var response = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ConfirmEmail, new ConfirmEmailRequest(viewer.User.Id!.Value, "bm90LWEtY29kZQ"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemCodes.EmailLinkInvalid, (await Problem.ReadAsync(response)).Code);
        Assert.False((await viewer.Http.GetFromJsonAsync<AccountEmailDto>(ApiRoutes.AccountEmail))!.EmailConfirmed);
    }

    [Fact]
    public async Task ResetPassword_WithTheMailedCode_NewPasswordWorksOldFailsCodeWorksOnceOtherSessionsEnd()
    {
        var (viewer, email) = await RegisterAsync();

        var asked = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ForgotPassword, new ForgotPasswordRequest(email));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var mail = await factory.Smtp.WaitForAsync(email, "Reset your LiveShop password");
        var (link, query) = TestSmtpServer.LinkIn(mail);
        Assert.Equal("/account/reset-password", link.AbsolutePath);
        var reset = new ResetPasswordRequest(Guid.Parse(query["userId"]), query["code"], NewPassword);

        Assert.Equal(HttpStatusCode.NoContent, (await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ResetPassword, reset)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(email, Password)).StatusCode);
        var again = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ResetPassword, reset with { NewPassword = "Third-passw0rd" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(ProblemCodes.EmailLinkInvalid, (await Problem.ReadAsync(again)).Code);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email, NewPassword)).StatusCode);

        // The session from before the reset is over.
        Assert.False((await viewer.Http.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me))!.IsAuthenticated);
    }

    [Fact]
    public async Task ForgotPassword_UnknownEmail_SameAnswerAndNoMail()
    {
        var (_, known) = await RegisterAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@liveshop.test";

        var forUnknown = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ForgotPassword, new ForgotPasswordRequest(unknown));
        var forKnown = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ForgotPassword, new ForgotPasswordRequest(known));

        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());

        // The known address's mail, asked for after the unknown one, has arrived: the unknown one got none.
        await factory.Smtp.WaitForAsync(known, "Reset your LiveShop password");
        Assert.Empty(factory.Smtp.Find(unknown));
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentOne_ThenOnlyTheNewOneWorksAndThisSessionStays()
    {
        var (viewer, email) = await RegisterAsync();

        var wrong = await viewer.Http.PostAsJsonAsync(ApiRoutes.ChangePassword, new ChangePasswordRequest("not-my-password", NewPassword));
        Assert.Equal(ProblemCodes.PasswordIncorrect, (await Problem.ReadAsync(wrong)).Code);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email, Password)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await viewer.Http.PostAsJsonAsync(ApiRoutes.ChangePassword, new ChangePasswordRequest(Password, NewPassword))).StatusCode);

        Assert.True((await viewer.Http.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me))!.IsAuthenticated);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(email, Password)).StatusCode);
    }

    [Fact]
    public async Task ChangeEmail_MailGoesToTheNewAddress_ChangesOnlyWhenItsLinkIsOpened()
    {
        var (viewer, oldEmail) = await RegisterAsync();
        var newEmail = $"moved-{Guid.NewGuid():N}@liveshop.test";

        var asked = await viewer.Http.PostAsJsonAsync(ApiRoutes.ChangeEmail, new ChangeEmailRequest(newEmail, Password));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var mail = await factory.Smtp.WaitForAsync(newEmail, "Confirm your new e-mail");

        // Not yet: the old address still signs in, the new one does not.
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(newEmail, Password)).StatusCode);
        Assert.Equal(oldEmail, (await viewer.Http.GetFromJsonAsync<AccountEmailDto>(ApiRoutes.AccountEmail))!.Email);

        var (link, query) = TestSmtpServer.LinkIn(mail);
        Assert.Equal("/account/confirm-email-change", link.AbsolutePath);
        var confirm = new ConfirmEmailChangeRequest(Guid.Parse(query["userId"]), query["email"], query["code"]);
        Assert.Equal(HttpStatusCode.NoContent, (await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ConfirmEmailChange, confirm)).StatusCode);

        var signedIn = await factory.SignInAsync(newEmail, Password);
        var status = (await signedIn.Http.GetFromJsonAsync<AccountEmailDto>(ApiRoutes.AccountEmail))!;
        Assert.Equal(newEmail, status.Email);
        Assert.True(status.EmailConfirmed);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(oldEmail, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ConfirmEmailChange, confirm)).StatusCode);
    }

    [Fact]
    public async Task ChangeEmail_WrongPasswordOrTakenAddress_RefusedAndNoMail()
    {
        var (viewer, _) = await RegisterAsync();
        var (_, taken) = await RegisterAsync();
        var free = $"free-{Guid.NewGuid():N}@liveshop.test";

        var wrongPassword = await viewer.Http.PostAsJsonAsync(ApiRoutes.ChangeEmail, new ChangeEmailRequest(free, "not-my-password"));
        var takenAddress = await viewer.Http.PostAsJsonAsync(ApiRoutes.ChangeEmail, new ChangeEmailRequest(taken, Password));

        Assert.Equal(ProblemCodes.PasswordIncorrect, (await Problem.ReadAsync(wrongPassword)).Code);
        Assert.Equal(HttpStatusCode.Conflict, takenAddress.StatusCode);
        Assert.Equal(ProblemCodes.EmailTaken, (await Problem.ReadAsync(takenAddress)).Code);
        Assert.Empty(factory.Smtp.Find(free));
        Assert.Empty(factory.Smtp.Find(taken, "new e-mail"));
    }

    [Fact]
    public async Task DeleteAccount_OrdersStayWithoutNameAndAddress_AndTheAccountCannotSignIn()
    {
        var host = await factory.RegisterAsync(asHost: true, "Seller");
        var show = await host.CreateShowAsync("Deletion show");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).StatusCode);
        var (buyer, email) = await RegisterAsync();
        var item = show.Lineup[0];
        var order = await buyer.Http.BuyAsync(Shopping.Request(show.Id, item.ProductId, item.Price));

        // Not yet shipped: the shop still needs the address, so the account stays.
        var tooEarly = await buyer.Http.PostAsJsonAsync(ApiRoutes.DeleteAccount, new DeleteAccountRequest(Password));
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(ProblemCodes.AccountHasOpenOrders, (await Problem.ReadAsync(tooEarly)).Code);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(order.Id), new ChangeOrderStatusRequest(OrderStatus.Shipped))).StatusCode);
        var wrongPassword = await buyer.Http.PostAsJsonAsync(ApiRoutes.DeleteAccount, new DeleteAccountRequest("not-my-password"));
        Assert.Equal(ProblemCodes.PasswordIncorrect, (await Problem.ReadAsync(wrongPassword)).Code);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(email, Password)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await buyer.Http.PostAsJsonAsync(ApiRoutes.DeleteAccount, new DeleteAccountRequest(Password))).StatusCode);

        Assert.False((await buyer.Http.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me))!.IsAuthenticated);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(email, Password)).StatusCode);
        var forgot = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ForgotPassword, new ForgotPasswordRequest(email));
        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        var kept = (await host.Http.GetFromJsonAsync<IReadOnlyList<OrderDto>>(ApiRoutes.ShowOrders(show.Id)))!.Single(o => o.Id == order.Id);
        Assert.Equal(order.Total, kept.Total);
        Assert.Equal(OrderStatus.Shipped, kept.Status);
        Assert.Equal("", kept.BuyerName);
        Assert.Equal(new ShippingAddressDto("", "", null, "", "", Shopping.Address.Country, ""), kept.ShippingAddress);
        var account = await factory.ReadAsync(db => db.Users.SingleAsync(u => u.Id == buyer.User.Id));
        Assert.Null(account.PasswordHash);
        Assert.Null(account.SavedAddress);
        Assert.DoesNotContain(email, account.Email!, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(SignedIn User, string Email)> RegisterAsync()
    {
        var http = factory.NewBrowser(out var cookies);
        var email = $"user-{Guid.NewGuid():N}@liveshop.test";
        var response = await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest(email, Password, "Mail Tester", false));
        response.EnsureSuccessStatusCode();
        return (new SignedIn(http, cookies, (await response.Content.ReadFromJsonAsync<CurrentUserDto>())!), email);
    }

    private Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        factory.NewBrowser().PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, password, false));
}
