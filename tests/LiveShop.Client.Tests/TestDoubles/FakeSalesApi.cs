using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LiveShop.Client.Tests.TestDoubles;

/// <summary>
/// The server as the <see cref="Services.ApiClient"/> sees it: answers registered per method and path
/// (query ignored), every request recorded with its body. Unregistered routes answer 404.
/// </summary>
public sealed class FakeSalesApi : HttpMessageHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<(HttpMethod, string), Func<HttpRequestMessage, Task<HttpResponseMessage>>> _routes = [];
    private readonly List<RecordedRequest> _requests = [];

    public sealed record RecordedRequest(HttpMethod Method, string Path, string Query, string? Body);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public HttpClient CreateClient() => new(this) { BaseAddress = new Uri("http://localhost/") };

    /// <summary>Answers GET <paramref name="path"/> with <paramref name="value"/> as JSON (read each time, so it can change).</summary>
    public FakeSalesApi Get<T>(string path, Func<T> value) => On(HttpMethod.Get, path, _ => Task.FromResult(JsonResponse(value())));

    public FakeSalesApi On(HttpMethod method, string path, Func<HttpRequestMessage, Task<HttpResponseMessage>> answer)
    {
        _routes[(method, path)] = answer;
        return this;
    }

    public int Count(HttpMethod method, string path) => Requests.Count(r => r.Method == method && r.Path == path);

    public static HttpResponseMessage JsonResponse<T>(T value, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = JsonContent.Create(value, options: Json) };

    /// <summary>An RFC 7807 refusal the way the server words it.</summary>
    public static HttpResponseMessage Problem(HttpStatusCode status, string code, string detail) =>
        new(status) { Content = JsonContent.Create(new { type = code, title = detail, status = (int)status, detail, code }, options: Json) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(request.Method, path, Uri.UnescapeDataString(request.RequestUri.Query), body));
        }

        return _routes.TryGetValue((request.Method, path), out var answer)
            ? await answer(request)
            : Problem(HttpStatusCode.NotFound, "not-found", $"Nothing at {path}.");
    }
}
