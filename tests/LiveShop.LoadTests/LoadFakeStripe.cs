using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.LoadTests;

/// <summary>
/// <c>flashsale --expire</c>'s stand-in for Stripe's API, in this process (Kestrel on 127.0.0.1, a random port):
/// PaymentIntents that nobody pays. <c>POST /v1/payment_intents</c> (form body) makes one waiting for a payment
/// method, <c>GET /v1/payment_intents/{id}</c> answers it as stored, <c>POST /v1/payment_intents/{id}/cancel</c>
/// cancels it. JSON shaped like Stripe's API reference (what Stripe.net reads); a smaller cousin of the server
/// tests' FakeStripe, without keys, idempotency replays, refunds or webhooks.
/// </summary>
public sealed class LoadFakeStripe : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _intents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<JsonObject>> _byIdempotencyKey = new(StringComparer.Ordinal);
    private long _created;
    private long _canceled;

    private LoadFakeStripe(WebApplication app)
    {
        _app = app;
        ApiBase = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>What the server's <c>Payments:Stripe:ApiBase</c> points at.</summary>
    public string ApiBase { get; }

    /// <summary>PaymentIntents created so far.</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>PaymentIntents cancelled so far (each once).</summary>
    public long Canceled => Interlocked.Read(ref _canceled);

    public static async Task<LoadFakeStripe> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LoadFakeStripe? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        fake = new LoadFakeStripe(app);
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        var (status, body) = (request.Method, segments) switch
        {
            ("POST", ["v1", "payment_intents"]) => CreateOnce(request.Headers["Idempotency-Key"].ToString(), await request.ReadFormAsync(context.RequestAborted)),
            ("GET", ["v1", "payment_intents", var id]) => _intents.TryGetValue(id, out var intent) ? (200, Copy(intent)) : Missing(id),
            ("POST", ["v1", "payment_intents", var id, "cancel"]) => Cancel(id),
            _ => Error(404, null, $"Unrecognized request URL ({request.Method}: {request.Path}).", "invalid_request_error"),
        };

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + Id();
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    /// <summary>As Stripe: a reused Idempotency-Key answers the first answer again (a retried order start makes no second PaymentIntent).</summary>
    private (int, JsonObject) CreateOnce(string idempotencyKey, IFormCollection form)
    {
        if (string.IsNullOrEmpty(idempotencyKey))
        {
            return Create(form);
        }

        var first = _byIdempotencyKey.GetOrAdd(idempotencyKey, _ => new Lazy<JsonObject>(() =>
        {
            var (status, body) = Create(form);
            body["$status"] = status;
            return body;
        })).Value.DeepClone().AsObject();
        var answered = first["$status"]!.GetValue<int>();
        first.Remove("$status");
        return (answered, first);
    }

    private (int, JsonObject) Create(IFormCollection form)
    {
        if (!long.TryParse(form["amount"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1 || form["currency"].ToString() is not { Length: 3 } currency)
        {
            return Error(400, "parameter_invalid", "amount and currency are required.", "invalid_request_error");
        }

        var metadata = new JsonObject();
        foreach (var (name, value) in form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal) && p.Key.EndsWith(']')))
        {
            metadata[name["metadata[".Length..^1]] = value.ToString();
        }

        var id = "pi_" + Id();
        var intent = new JsonObject
        {
            ["id"] = id,
            ["object"] = "payment_intent",
            ["amount"] = amount,
            ["amount_received"] = 0L,
            ["currency"] = currency,
            ["status"] = "requires_payment_method",
            ["client_secret"] = id + "_secret_" + Id(),
            ["capture_method"] = "automatic",
            ["metadata"] = metadata,
            ["livemode"] = false,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        _intents[id] = intent;
        Interlocked.Increment(ref _created);
        return (200, Copy(intent));
    }

    private (int, JsonObject) Cancel(string id)
    {
        if (!_intents.TryGetValue(id, out var intent))
        {
            return Missing(id);
        }

        lock (intent)
        {
            var status = intent["status"]!.GetValue<string>();
            if (status is "succeeded" or "canceled")
            {
                return Error(400, "payment_intent_unexpected_state", $"You cannot cancel this PaymentIntent because it has a status of {status}.", "invalid_request_error");
            }

            intent["status"] = "canceled";
            intent["cancellation_reason"] = "abandoned";
            Interlocked.Increment(ref _canceled);
            return (200, Copy(intent));
        }
    }

    private static JsonObject Copy(JsonObject intent)
    {
        lock (intent)
        {
            return intent.DeepClone().AsObject();
        }
    }

    private static (int, JsonObject) Missing(string id) =>
        Error(404, "resource_missing", $"No such payment_intent: '{id}'", "invalid_request_error");

    private static (int, JsonObject) Error(int status, string? code, string message, string type) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message } });

    private static string Id() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
