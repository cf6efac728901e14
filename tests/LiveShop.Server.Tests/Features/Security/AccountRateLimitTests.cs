using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;

namespace LiveShop.Server.Tests.Features.Security;

/// <summary>With the shipped limits, one address cannot register or try passwords without end.</summary>
public sealed class AccountRateLimitTests(DefaultLimitsFactory factory) : IClassFixture<DefaultLimitsFactory>
{
    [Fact]
    public async Task Register_ElevenFromOneAddress_EleventhRefusedWith429AndRetryAfter()
    {
        var http = factory.NewBrowser();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 11; i++)
        {
            var response = await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest($"bulk-{Guid.NewGuid():N}@liveshop.test", "Passw0rd-test", $"Bulk {i}", false));
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10).Append(HttpStatusCode.TooManyRequests), statuses);
        await AssertRefusalAsync(refused!);
    }

    [Fact]
    public async Task SignIn_TwentyFiveFromOneAddressAtOnce_FiveRefusedWith429AndRetryAfter()
    {
        var http = factory.NewBrowser();

        // All at once: the bucket gives one permit back every 15 s, and 25 password checks one after another on a busy
        // machine can take longer than that. Each request's permit is taken as it arrives, before its hash.
        // A different address each time: this is the per-address limit, not the per-account one.
        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            http.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest($"spray-{i}@liveshop.test", "Passw0rd-test", false))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        await AssertRefusalAsync(refused!);
    }

    private static async Task AssertRefusalAsync(HttpResponseMessage refused)
    {
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var problem = await refused.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        Assert.Equal(ProblemCodes.RateLimited, problem!["code"].GetString());
        Assert.True(problem["retryAfterSeconds"].GetInt32() >= 1);
    }
}
