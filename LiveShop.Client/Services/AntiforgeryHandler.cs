using System.Net.Http.Json;
using LiveShop.Shared;

namespace LiveShop.Client.Services;

/// <summary>
/// Puts the antiforgery request token on every unsafe call that is not JSON (bodiless POSTs such as sign-out,
/// multipart uploads): the server refuses those with 403 <c>cross-site-refused</c> when they carry the sign-in
/// cookie without it. The token is bound to who is signed in, which changes with sign-in and sign-out, so it is
/// asked for afresh before each such call (they are few: a button press, an upload).
/// </summary>
public sealed class AntiforgeryHandler : DelegatingHandler
{
    public AntiforgeryHandler()
    {
    }

    public AntiforgeryHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (NeedsToken(request) && request.RequestUri is { } uri)
        {
            var tokenUri = new Uri(uri.IsAbsoluteUri ? uri : new Uri("http://localhost/"), ApiRoutes.Antiforgery);
            using var ask = new HttpRequestMessage(HttpMethod.Get, tokenUri);
            using var answer = await base.SendAsync(ask, cancellationToken);
            if (answer.IsSuccessStatusCode
                && await answer.Content.ReadFromJsonAsync(LiveShopJsonContext.Default.AntiforgeryTokenDto, cancellationToken) is { } token)
            {
                request.Headers.Remove(token.HeaderName);
                request.Headers.Add(token.HeaderName, token.Token);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>POST, PUT, PATCH or DELETE whose body is not JSON (or that has none).</summary>
    public static bool NeedsToken(HttpRequestMessage request) =>
        request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && request.Method != HttpMethod.Options
        && request.Content?.Headers.ContentType?.MediaType is not ("application/json" or "application/problem+json");
}
