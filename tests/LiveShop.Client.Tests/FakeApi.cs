using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Client.Tests;

/// <summary>
/// The server, as far as <see cref="ApiClient"/> can tell: answers queued per route (the last one
/// repeats), every request captured with its Idempotency-Key header and body.
/// </summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly Dictionary<(HttpMethod Method, string Path), Queue<Func<HttpResponseMessage>>> _answers = [];

    public List<SentRequest> Sent { get; } = [];

    /// <summary>The requests that placed orders, in order.</summary>
    public IReadOnlyList<SentRequest> OrderAttempts => [.. Sent.Where(s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.Orders)];

    public ApiClient Client() => new(new HttpClient(this) { BaseAddress = new Uri("http://localhost/") });

    /// <summary>How a route answers from now on: these answers in turn, the last one repeating.</summary>
    public FakeApi Answer(HttpMethod method, string path, params Func<HttpResponseMessage>[] answers)
    {
        _answers[(method, path)] = new Queue<Func<HttpResponseMessage>>(answers);
        return this;
    }

    public static Func<HttpResponseMessage> Json<T>(HttpStatusCode status, T body) =>
        () => new HttpResponseMessage(status) { Content = JsonContent.Create(body) };

    /// <summary>A ProblemDetails refusal with the stable code, the sentence, and any extensions.</summary>
    public static Func<HttpResponseMessage> Problem(HttpStatusCode status, string code, string detail, Dictionary<string, object>? extensions = null) =>
        () =>
        {
            var body = new Dictionary<string, object>
            {
                ["type"] = ProblemCodes.TypeBase + code,
                ["title"] = "Refused",
                ["status"] = (int)status,
                ["detail"] = detail,
                ["code"] = code,
            };
            foreach (var (key, value) in extensions ?? [])
            {
                body[key] = value;
            }

            return new HttpResponseMessage(status) { Content = JsonContent.Create(body) };
        };

    /// <summary>The network failed: no answer at all.</summary>
    public static Func<HttpResponseMessage> NetworkDown() => () => throw new HttpRequestException("The network went away.");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues(ApiRoutes.IdempotencyKeyHeader, out var values) ? values.Single() : null;
        var path = request.RequestUri!.AbsolutePath;
        var giftToken = request.Headers.TryGetValues(ApiRoutes.GiftTokenHeader, out var tokens) ? tokens.Single() : null;
        Sent.Add(new SentRequest(request.Method, path, key, body, request.RequestUri.Query, giftToken));

        if (!_answers.TryGetValue((request.Method, path), out var queue) || queue.Count == 0)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        return answer();
    }
}

public sealed record SentRequest(HttpMethod Method, string Path, string? IdempotencyKey, string? Body, string Query = "", string? GiftToken = null)
{
    public PlaceOrderRequest Order => JsonSerializer.Deserialize<PlaceOrderRequest>(Body!, JsonSerializerOptions.Web)!;
}
