using System.Net;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>Opening share links the way a browser does (a browser's User-Agent, the visitor cookie kept, the one cookie redirect followed).</summary>
public static class ShareLinkVisits
{
    /// <summary>What a desktop Chrome sends: not a crawler.</summary>
    public const string BrowserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>
    /// Opens <paramref name="path"/> (<c>/r/{code}</c>) and follows the server's redirect back to the link
    /// (the hop that hands out the visitor cookie), as a browser would; returns the last answer, which
    /// redirects to the show for a known link.
    /// </summary>
    public static async Task<HttpResponseMessage> OpenShareLinkAsync(this HttpClient browser, string path, string userAgent = BrowserAgent)
    {
        var response = await GetAsync(browser, path, userAgent);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/r/", StringComparison.Ordinal))
        {
            response = await GetAsync(browser, response.Headers.Location.OriginalString, userAgent);
        }

        return response;
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string userAgent)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return client.SendAsync(request);
    }
}
