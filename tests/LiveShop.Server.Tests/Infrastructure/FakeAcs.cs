using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// A local stand-in for an Azure Communication Services resource (Kestrel on 127.0.0.1, a random
/// port). Every request must carry the documented HMAC headers: it recomputes the body hash and the
/// signature itself from the access key — without LiveShop's signer — and answers 401 when anything
/// differs. It then answers the Identity (2023-10-01) and Rooms (2024-04-15) calls with JSON shaped
/// like Microsoft's examples, and remembers identities, tokens and room participants.
/// </summary>
public sealed class FakeAcs : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _counter;

    public FakeAcs(byte[] accessKey)
    {
        AccessKey = accessKey;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public Uri Endpoint { get; }

    /// <summary>The key this "resource" checks signatures with (a test may change it to prove a wrong signature is refused).</summary>
    public byte[] AccessKey { get; set; }

    /// <summary>When set, every call whose path starts with this answers <see cref="FailureStatus"/> (after its signature is checked).</summary>
    public string? FailPathPrefix { get; set; }

    public int FailureStatus { get; set; } = StatusCodes.Status503ServiceUnavailable;

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>ACS user id → the tokens issued to it, newest last.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<IssuedToken>> Tokens { get; } = new();

    /// <summary>Room id → (ACS user id → role).</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<string, string>> Rooms { get; } = new();

    public string ConnectionString => $"endpoint={Endpoint};accesskey={Convert.ToBase64String(AccessKey)}";

    public IReadOnlyList<Call> CallsSince(int index) => [.. Calls.Skip(index)];

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var method = context.Request.Method;
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var failure = Verify(context.Request, method, target, body);
        var call = new Call(method, target, context.Request.ContentType, Encoding.UTF8.GetString(body), failure);
        Calls.Enqueue(call);
        if (failure is not null)
        {
            await AnswerAsync(context, StatusCodes.Status401Unauthorized, new { error = new { code = "Denied", message = failure } });
            return;
        }

        var path = context.Request.Path.Value ?? "";
        if (FailPathPrefix is { } prefix && path.StartsWith(prefix, StringComparison.Ordinal))
        {
            await AnswerAsync(context, FailureStatus, new { error = new { code = "ServiceUnavailable", message = "The fake is told to fail." } });
            return;
        }

        var json = body.Length == 0 ? null : JsonNode.Parse(body);
        var apiVersion = context.Request.Query["api-version"].ToString();
        var segments = path.Trim('/').Split('/');
        switch (method, segments)
        {
            case ("POST", ["identities"]) when apiVersion == "2023-10-01":
                var id = $"8:acs:6d3f2c1a-0000-4000-8000-00000000ac5e_{Interlocked.Increment(ref _counter):D8}";
                Tokens[id] = new ConcurrentQueue<IssuedToken>();
                var scopes = json?["createTokenWithScopes"]?.AsArray().Select(s => s!.GetValue<string>()).ToArray() ?? [];
                if (scopes.Length == 0)
                {
                    await AnswerAsync(context, StatusCodes.Status201Created, new { identity = new { id } });
                    return;
                }

                var first = Issue(id, scopes, json!["expiresInMinutes"]?.GetValue<int>() ?? 1440);
                await AnswerAsync(context, StatusCodes.Status201Created, new { identity = new { id }, accessToken = new { token = first.Token, expiresOn = first.ExpiresOn } });
                return;

            case ("POST", ["identities", var escapedId, ":issueAccessToken"]) when apiVersion == "2023-10-01":
                var userId = Uri.UnescapeDataString(escapedId);
                if (!Tokens.ContainsKey(userId))
                {
                    await AnswerAsync(context, StatusCodes.Status404NotFound, new { error = new { code = "IdentityNotFound", message = "No such identity." } });
                    return;
                }

                var issued = Issue(userId, [.. json!["scopes"]!.AsArray().Select(s => s!.GetValue<string>())], json["expiresInMinutes"]?.GetValue<int>() ?? 1440);
                await AnswerAsync(context, StatusCodes.Status200OK, new { token = issued.Token, expiresOn = issued.ExpiresOn });
                return;

            case ("POST", ["rooms"]) when apiVersion == "2024-04-15":
                var roomId = (99117812428622880L + Interlocked.Increment(ref _counter)).ToString(CultureInfo.InvariantCulture);
                Rooms[roomId] = new ConcurrentDictionary<string, string>(json!["participants"]!.AsObject().Select(p => KeyValuePair.Create(p.Key, p.Value!["role"]!.GetValue<string>())));
                await AnswerAsync(context, StatusCodes.Status201Created, new
                {
                    id = roomId,
                    createdAt = DateTimeOffset.UtcNow,
                    validFrom = json["validFrom"]!.GetValue<DateTimeOffset>(),
                    validUntil = json["validUntil"]!.GetValue<DateTimeOffset>(),
                    pstnDialOutEnabled = false,
                });
                return;

            case ("PATCH", ["rooms", var room, "participants"]) when apiVersion == "2024-04-15":
                if (context.Request.ContentType != "application/merge-patch+json")
                {
                    await AnswerAsync(context, StatusCodes.Status415UnsupportedMediaType, new { error = new { code = "UnsupportedMediaType", message = "Use application/merge-patch+json." } });
                    return;
                }

                if (!Rooms.TryGetValue(room, out var participants))
                {
                    await AnswerAsync(context, StatusCodes.Status404NotFound, new { error = new { code = "RoomNotFound", message = "No such room." } });
                    return;
                }

                foreach (var (participant, value) in json!["participants"]!.AsObject())
                {
                    if (value is null)
                    {
                        participants.TryRemove(participant, out _);
                    }
                    else
                    {
                        participants[participant] = value["role"]!.GetValue<string>();
                    }
                }

                await AnswerAsync(context, StatusCodes.Status200OK, new { });
                return;

            default:
                await AnswerAsync(context, StatusCodes.Status404NotFound, new { error = new { code = "NotFound", message = $"{method} {target} is not an ACS call this fake knows." } });
                return;
        }
    }

    private IssuedToken Issue(string userId, string[] scopes, int minutes)
    {
        var token = new IssuedToken($"fake-acs-token-{Interlocked.Increment(ref _counter)}", DateTimeOffset.UtcNow.AddMinutes(minutes), scopes, minutes);
        Tokens[userId].Enqueue(token);
        return token;
    }

    /// <summary>The documented check, done independently: null when the request is signed right, else why not.</summary>
    private string? Verify(HttpRequest request, string method, string pathAndQuery, byte[] body)
    {
        var date = request.Headers["x-ms-date"].ToString();
        var hash = request.Headers["x-ms-content-sha256"].ToString();
        var host = request.Headers.Host.ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (!DateTimeOffset.TryParseExact(date, "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return $"x-ms-date is not an RFC 1123 date: '{date}'.";
        }

        if ((DateTimeOffset.UtcNow - signedAt).Duration() > TimeSpan.FromMinutes(5))
        {
            return "x-ms-date is too far from now.";
        }

        if (host != Endpoint.Authority)
        {
            return $"Host '{host}' is not this resource's authority '{Endpoint.Authority}'.";
        }

        if (hash != Convert.ToBase64String(SHA256.HashData(body)))
        {
            return "x-ms-content-sha256 does not match the body.";
        }

        var stringToSign = method + "\n" + pathAndQuery + "\n" + date + ";" + host + ";" + hash;
        var expected = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="
            + Convert.ToBase64String(HMACSHA256.HashData(AccessKey, Encoding.UTF8.GetBytes(stringToSign)));
        return authorization == expected ? null : "The signature does not match.";
    }

    private static async Task AnswerAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One request as received; <see cref="Failure"/> says why its signature was refused (null: verified).</summary>
    public sealed record Call(string Method, string PathAndQuery, string? ContentType, string Body, string? Failure);

    public sealed record IssuedToken(string Token, DateTimeOffset ExpiresOn, string[] Scopes, int Minutes);
}

/// <summary>The app with <c>Acs:ConnectionString</c> pointing at its own <see cref="FakeAcs"/>; other test classes keep ACS off.</summary>
public sealed class AcsLiveShopFactory : LiveShopFactory
{
    public AcsLiveShopFactory() => Acs = new FakeAcs(Encoding.UTF8.GetBytes("liveshop-acs-test-key-32-bytes!!"));

    public FakeAcs Acs { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Acs:ConnectionString", Acs.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Acs.DisposeAsync();
    }
}
