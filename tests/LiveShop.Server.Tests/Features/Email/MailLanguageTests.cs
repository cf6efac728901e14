using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Tests.Features.Email;

/// <summary>
/// E-mails in the recipient's language, through a real SMTP server: the profile's language wins; without one,
/// the language of the recipient's own request that caused the mail.
/// </summary>
public class MailLanguageTests(SmtpLiveShopFactory factory) : IClassFixture<SmtpLiveShopFactory>
{
    private const string Password = "Passw0rd-test";
    private static readonly Guid Jade = LiveRoom.Lineup[0];

    [Fact]
    public async Task PasswordReset_ForAGreekProfile_AsksFromAnEnglishBrowser_ArrivesInGreek()
    {
        var (user, email) = await RegisterAsync("Eleni Papadopoulou");
        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.PostAsJsonAsync(ApiRoutes.Language, new LanguageChoice("el"))).StatusCode);

        var asked = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.ForgotPassword, new ForgotPasswordRequest(email));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);

        var mail = await factory.Smtp.WaitForAsync(email, "Επαναφορά του κωδικού πρόσβασης στο LiveShop");
        Assert.Contains("Γεια σας Eleni Papadopoulou,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("μέσα σε 2 ώρες", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("/account/reset-password", TestSmtpServer.LinkIn(mail).Link.AbsolutePath);
    }

    [Fact]
    public async Task Confirmation_OfARegistrationFromATaiwaneseBrowser_ArrivesInTraditionalChinese()
    {
        var (_, email) = await RegisterAsync("林美", acceptLanguage: "zh-TW");

        var mail = await factory.Smtp.WaitForAsync(email, "請確認你在 LiveShop 的電子郵件");

        Assert.Contains("林美 你好：", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("/account/confirm-email", TestSmtpServer.LinkIn(mail).Link.AbsolutePath);
    }

    [Fact]
    public async Task OrderMail_ToAGreekBuyer_MovedByAnEnglishHost_ArrivesInGreek()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Mail in Greek");
        var (buyer, email) = await RegisterAsync("Nikos Georgiou");
        Assert.Equal(HttpStatusCode.NoContent, (await buyer.Http.PostAsJsonAsync(ApiRoutes.Language, new LanguageChoice("el"))).StatusCode);
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));

        var packed = await room.Host.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(order.Id), new ChangeOrderStatusRequest(OrderStatus.Packed));
        Assert.Equal(HttpStatusCode.OK, packed.StatusCode);

        var mail = await factory.Smtp.WaitForAsync(email, $"Παραγγελία #{order.Number}: συσκευάστηκε");
        Assert.Contains("Γεια σας Nikos Georgiou,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Η παραγγελία σας συσκευάστηκε και περιμένει τη μεταφορική εταιρεία.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Παραγγελία #{order.Number} από την εκπομπή «Mail in Greek»: 1 × ", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Hi ", mail.TextBody, StringComparison.Ordinal);
    }

    private async Task<(SignedIn User, string Email)> RegisterAsync(string name, string? acceptLanguage = null)
    {
        var http = factory.NewBrowser(out var cookies);
        if (acceptLanguage is not null)
        {
            http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var email = $"lang-{Guid.NewGuid():N}@liveshop.test";
        var response = await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest(email, Password, name, false));
        response.EnsureSuccessStatusCode();
        return (new SignedIn(http, cookies, (await response.Content.ReadFromJsonAsync<CurrentUserDto>())!), email);
    }
}
