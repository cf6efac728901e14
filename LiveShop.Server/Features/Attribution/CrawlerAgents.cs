namespace LiveShop.Server.Features.Attribution;

/// <summary>
/// Callers that are obviously not a person watching: search crawlers, link-preview fetchers of chat and
/// social apps, and plain HTTP tools, known by their <c>User-Agent</c>; a request with none is one too
/// (every browser sends one). They still get pages and redirects (so link previews work) but never
/// count as a viewer or a share-link visitor. The list is short on purpose and documented in
/// docs/metrics.md; anything that hides behind a browser's agent is left to the rate limits.
/// </summary>
public static class CrawlerAgents
{
    /// <summary>Fragments matched anywhere in the agent, ignoring case.</summary>
    public static IReadOnlyList<string> Fragments { get; } =
    [
        "Googlebot", "bingbot", "facebookexternalhit", "facebookcatalog", "Twitterbot", "LinkedInBot", "Slackbot",
        "WhatsApp", "TelegramBot", "Discordbot", "line-poker", "Applebot",
        "curl/", "Wget/", "python-requests/", "Go-http-client/",
    ];

    public static bool IsCrawler(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || Fragments.Any(f => userAgent.Contains(f, StringComparison.OrdinalIgnoreCase));

    public static bool IsCrawler(HttpContext? context) => context is null || IsCrawler(context.Request.Headers.UserAgent.ToString());
}
