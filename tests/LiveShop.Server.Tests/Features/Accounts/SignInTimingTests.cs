using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;

namespace LiveShop.Server.Tests.Features.Accounts;

/// <summary>A wrong password and an unknown e-mail cost the server the same work, so the time taken tells nothing.</summary>
public sealed class SignInTimingTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task SignIn_UnknownEmail_TakesAboutAsLongAsAWrongPassword()
    {
        var real = await factory.RegisterAsync(asHost: false, "Timed Person");
        var http = factory.NewBrowser();
        var wrongPassword = new List<double>();
        var unknownEmail = new List<double>();

        // Interleaved, so a busy moment on the machine slows both kinds alike; two of each first to warm up.
        for (var i = -2; i < 15; i++)
        {
            var a = await TimeAsync(http, real.User.Email!);
            var b = await TimeAsync(http, $"nobody-{Guid.NewGuid():N}@liveshop.test");
            if (i >= 0)
            {
                wrongPassword.Add(a);
                unknownEmail.Add(b);
            }
        }

        // Before: ~36 ms against ~2.5 ms (7 %). The password hash dominates both now.
        Assert.True(Median(unknownEmail) >= 0.4 * Median(wrongPassword),
            $"unknown e-mail median {Median(unknownEmail):F1} ms, wrong password median {Median(wrongPassword):F1} ms");
    }

    private static async Task<double> TimeAsync(HttpClient http, string email)
    {
        var watch = Stopwatch.StartNew();
        var response = await http.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, "not-the-password", false));
        watch.Stop();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
