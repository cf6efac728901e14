using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;

namespace LiveShop.Server.Tests.Features.Security;

/// <summary>With the shipped limits, one address cannot mint guests without end, and a refusal says when to try again.</summary>
public sealed class HttpRateLimitTests(DefaultLimitsFactory factory) : IClassFixture<DefaultLimitsFactory>
{
    [Fact]
    public async Task Guests_HundredInARowFromOneAddress_RefusedWith429AndRetryAfter()
    {
        var http = factory.NewBrowser();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 100; i++)
        {
            var response = await http.PostAsJsonAsync(ApiRoutes.Guest, new GuestRequest($"Bot {i}"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(80, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.True(refused!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var problem = await refused.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        Assert.Equal(ProblemCodes.RateLimited, problem!["code"].GetString());
        Assert.Contains("Try again in", problem["detail"].GetString());
    }
}
