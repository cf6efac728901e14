using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Hosting;

namespace LiveShop.Server.Tests.Features.Accounts;

/// <summary>
/// A server with every limit raised except the shipped per-account one (10 wrong passwords per 15 minutes), so the
/// attacker and the owner, both on loopback, meet only that limit.
/// </summary>
public sealed class AccountFailureLimitFactory : LiveShopFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:SignInFailuresPerAccount:Permits", "10");
        builder.UseSetting("RateLimits:SignInFailuresPerAccount:WindowSeconds", "900");
    }
}

/// <summary>Wrong passwords from strangers are throttled per account, and cannot lock the owner out of their own browser.</summary>
public sealed class SignInLockoutTests(AccountFailureLimitFactory factory) : IClassFixture<AccountFailureLimitFactory>
{
    private const string Password = "Passw0rd-test";

    [Fact]
    public async Task SignIn_StrangerGuesses200Times_StrangerGets429AndOwnerStillSignsIn()
    {
        var owner = await factory.RegisterAsync(asHost: false, "Shop Owner");
        var email = owner.User.Email!;
        await owner.Http.PostAsync(ApiRoutes.SignOut, null);

        var attacker = factory.NewBrowser();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200; i++)
        {
            var response = await attacker.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, $"guess-{i}", false));
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(190, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(refused!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var problem = await refused.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        Assert.Equal(ProblemCodes.RateLimited, problem!["code"].GetString());

        // Even the right password does not get a stranger's browser through while the account's bucket is empty...
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, Password, false))).StatusCode);

        // ...but the owner's own browser, which signed in before, is not throttled and not locked.
        var back = await owner.Http.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, Password, false));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync(ApiRoutes.Orders)).StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownEmailGuessed_AnsweredExactlyLikeARealAccount()
    {
        var real = await factory.RegisterAsync(asHost: false, "Real Person");
        var unknown = $"nobody-{Guid.NewGuid():N}@liveshop.test";

        var realAnswers = await GuessAsync(real.User.Email!);
        var unknownAnswers = await GuessAsync(unknown);

        Assert.Equal(realAnswers, unknownAnswers);
        Assert.Equal(2, unknownAnswers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
    }

    private async Task<List<(HttpStatusCode Status, string Words)>> GuessAsync(string email)
    {
        var browser = factory.NewBrowser();
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 12; i++)
        {
            var response = await browser.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, $"guess-{i}", false));
            var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
            var detail = problem!["detail"].GetString()!;

            // The wait differs by the second; the words must not.
            var wait = detail.IndexOf(" Try again", StringComparison.Ordinal);
            answers.Add((response.StatusCode, problem["code"].GetString() + ": " + (wait >= 0 ? detail[..wait] : detail)));
        }

        return answers;
    }
}
