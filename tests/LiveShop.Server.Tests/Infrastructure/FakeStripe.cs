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
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// A local stand-in for Stripe's API (Kestrel on 127.0.0.1, a random port), checking every request the way Stripe
/// would and more strictly: a known secret key as <c>Bearer</c> (each key is one account: it sees only its own
/// objects), an <c>Idempotency-Key</c> on every POST (a reused key answers the first answer again, marked
/// <c>Idempotent-Replayed</c>; a reused key with other parameters is refused), form-encoded parameters with the
/// amount as an integer of the currency's minor units and a lower-case currency. It implements
/// <c>POST /v1/payment_intents</c>, <c>GET /v1/payment_intents/{id}</c>, <c>POST /v1/payment_intents/{id}/cancel</c>
/// and <c>POST /v1/refunds</c>, with JSON shaped like Stripe's API reference, and it sends signed webhook events
/// (<c>Stripe-Signature: t=…,v1=HMAC-SHA256(secret, t + "." + body)</c>) as Stripe does.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Account> _accounts = new();
    private readonly ConcurrentDictionary<string, (string Key, JsonObject Intent)> _intents = new();
    private readonly ConcurrentDictionary<string, (string Key, JsonObject Charge)> _charges = new();
    private readonly ConcurrentDictionary<(string Key, string Idempotency), (string Request, int Status, string Body)> _replays = new();
    private readonly HttpClient _webhooks = new();
    private readonly object _gate = new();

    public FakeStripe()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        ApiBase = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>What LiveShop's <c>Payments:Stripe:ApiBase</c> points at.</summary>
    public string ApiBase { get; }

    /// <summary>The time events are signed with (the app's clock, when a test moves it).</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Every API request, in order, with what was wrong with it (null: nothing).</summary>
    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>An account: its secret key (the one LiveShop must send) and its webhook signing secret.</summary>
    public void AddAccount(string secretKey, string webhookSecret) => _accounts[secretKey] = new Account(secretKey, webhookSecret);

    public JsonObject Intent(string id) => _intents[id].Intent;

    /// <summary>The buyer pays in the Payment Element: the PaymentIntent succeeds and its charge is made.</summary>
    public JsonObject Pay(string intentId)
    {
        lock (_gate)
        {
            var (key, intent) = _intents[intentId];
            var chargeId = "ch_" + Id();
            intent["status"] = "succeeded";
            intent["amount_received"] = intent["amount"]!.GetValue<long>();
            intent["latest_charge"] = chargeId;
            var charge = new JsonObject
            {
                ["id"] = chargeId,
                ["object"] = "charge",
                ["amount"] = intent["amount"]!.GetValue<long>(),
                ["amount_captured"] = intent["amount"]!.GetValue<long>(),
                ["amount_refunded"] = 0L,
                ["currency"] = intent["currency"]!.GetValue<string>(),
                ["paid"] = true,
                ["refunded"] = false,
                ["status"] = "succeeded",
                ["payment_intent"] = intentId,
                ["metadata"] = new JsonObject(),
                ["livemode"] = false,
                ["created"] = Now().ToUnixTimeSeconds(),
            };
            _charges[chargeId] = (key, charge);
            return intent.DeepClone().AsObject();
        }
    }

    /// <summary>A card fails (declined, or 3-D Secure not passed): the PaymentIntent waits for another payment method.</summary>
    public JsonObject Fail(string intentId, string message)
    {
        lock (_gate)
        {
            var intent = _intents[intentId].Intent;
            intent["status"] = "requires_payment_method";
            intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["message"] = message };
            return intent.DeepClone().AsObject();
        }
    }

    /// <summary>The shop refunds in Stripe's dashboard (not through LiveShop): the charge's amount_refunded grows.</summary>
    public JsonObject RefundInDashboard(string intentId, long amount)
    {
        lock (_gate)
        {
            var charge = ChargeOf(intentId);
            charge["amount_refunded"] = charge["amount_refunded"]!.GetValue<long>() + amount;
            charge["refunded"] = charge["amount_refunded"]!.GetValue<long>() == charge["amount"]!.GetValue<long>();
            return charge.DeepClone().AsObject();
        }
    }

    public JsonObject ChargeOf(string intentId) => _charges.Values.Single(c => c.Charge["payment_intent"]!.GetValue<string>() == intentId).Charge;

    /// <summary>A dispute over the PaymentIntent's charge, as Stripe's <c>dispute</c> object.</summary>
    public JsonObject Dispute(string intentId, string status, string reason = "fraudulent")
    {
        var charge = ChargeOf(intentId);
        return new JsonObject
        {
            ["id"] = "dp_" + Id(),
            ["object"] = "dispute",
            ["amount"] = charge["amount"]!.GetValue<long>(),
            ["currency"] = charge["currency"]!.GetValue<string>(),
            ["charge"] = charge["id"]!.GetValue<string>(),
            ["payment_intent"] = intentId,
            ["reason"] = reason,
            ["status"] = status,
            ["metadata"] = new JsonObject(),
            ["livemode"] = false,
            ["created"] = Now().ToUnixTimeSeconds(),
        };
    }

    /// <summary>An event as Stripe sends it: <c>{"id": "evt_…", "object": "event", "type": …, "data": {"object": …}}</c>.</summary>
    public string Event(string type, JsonObject dataObject, string? eventId = null) => new JsonObject
    {
        ["id"] = eventId ?? "evt_" + Id(),
        ["object"] = "event",
        ["api_version"] = "2025-11-17.clover",
        ["created"] = Now().ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
    }.ToJsonString();

    /// <summary>
    /// Delivers an event to <paramref name="url"/>, signed with the account's webhook secret (or <paramref name="signWith"/>),
    /// timestamped now (or <paramref name="age"/> ago).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Uri url, string secretKey, string body, TimeSpan? age = null, string? signWith = null)
    {
        var timestamp = (Now() - (age ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var secret = signWith ?? _accounts[secretKey].WebhookSecret;
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={timestamp},v1={signature}");
        return await _webhooks.SendAsync(request);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string form;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            form = await reader.ReadToEndAsync();
        }

        var key = request.Headers.Authorization.ToString() is var auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
        var idempotency = request.Headers["Idempotency-Key"].ToString();
        var path = request.Path.Value ?? "";
        var parameters = QueryHelpers.ParseQuery(form).ToDictionary(p => p.Key, p => p.Value.ToString());
        string? failure = null;
        int status;
        JsonObject body;
        if (key is null || !_accounts.ContainsKey(key))
        {
            (status, body) = Error(401, "invalid_request_error", null, "Invalid API Key provided.");
            failure = "unknown key";
        }
        else if (request.Method == "POST" && string.IsNullOrEmpty(idempotency))
        {
            (status, body) = Error(400, "invalid_request_error", null, "LiveShop must send an Idempotency-Key on every POST (fake Stripe's rule).");
            failure = "no idempotency key";
        }
        else if (request.Method == "POST" && _replays.TryGetValue((key, idempotency), out var replay))
        {
            Calls.Enqueue(new Call(request.Method, path, key, idempotency, parameters, replay.Request == path + "?" + form ? null : "idempotency key reused with other parameters", Replayed: true));
            if (replay.Request != path + "?" + form)
            {
                (status, body) = Error(400, "idempotency_error", null, "Keys for idempotent requests can only be used with the same parameters they were first used with.");
                await AnswerAsync(context, status, body.ToJsonString());
                return;
            }

            context.Response.Headers["Idempotent-Replayed"] = "true";
            await AnswerAsync(context, replay.Status, replay.Body);
            return;
        }
        else
        {
            (status, body, failure) = Route(request.Method, path, key, parameters);
        }

        Calls.Enqueue(new Call(request.Method, path, key, idempotency, parameters, failure, Replayed: false));
        var json = body.ToJsonString();
        if (request.Method == "POST" && key is not null && !string.IsNullOrEmpty(idempotency) && status < 500)
        {
            _replays.TryAdd((key, idempotency), (path + "?" + form, status, json));
        }

        await AnswerAsync(context, status, json);
    }

    private (int Status, JsonObject Body, string? Failure) Route(string method, string path, string key, Dictionary<string, string> form)
    {
        lock (_gate)
        {
            var segments = path.Trim('/').Split('/');
            return (method, segments) switch
            {
                ("POST", ["v1", "payment_intents"]) => CreateIntent(key, form),
                ("GET", ["v1", "payment_intents", var id]) => Owned(key, id) is { } intent ? (200, intent.DeepClone().AsObject(), null) : Missing(id),
                ("POST", ["v1", "payment_intents", var id, "cancel"]) => Cancel(key, id, form),
                ("POST", ["v1", "refunds"]) => CreateRefund(key, form),
                _ => (404, Error(404, "invalid_request_error", null, $"Unrecognized request URL ({method}: {path}).").Body, "unknown route"),
            };
        }
    }

    private (int, JsonObject, string?) CreateIntent(string key, Dictionary<string, string> form)
    {
        if (!form.TryGetValue("amount", out var amountText) || !long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1)
        {
            return Invalid("amount", $"Invalid integer: {amountText}");
        }

        if (!form.TryGetValue("currency", out var currency) || currency.Length != 3 || currency != currency.ToLowerInvariant())
        {
            return Invalid("currency", $"Invalid currency: {currency}. Stripe wants a lower-case ISO code.");
        }

        if (form.GetValueOrDefault("automatic_payment_methods[enabled]") != "true")
        {
            return Invalid("automatic_payment_methods", "LiveShop's Payment Element needs automatic_payment_methods[enabled]=true.");
        }

        var metadata = new JsonObject();
        foreach (var (name, value) in form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[name["metadata[".Length..^1]] = value;
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
            ["automatic_payment_methods"] = new JsonObject { ["enabled"] = true },
            ["capture_method"] = "automatic",
            ["description"] = form.GetValueOrDefault("description"),
            ["metadata"] = metadata,
            ["livemode"] = false,
            ["created"] = Now().ToUnixTimeSeconds(),
        };
        _intents[id] = (key, intent);
        return (200, intent.DeepClone().AsObject(), null);
    }

    private (int, JsonObject, string?) Cancel(string key, string id, Dictionary<string, string> form)
    {
        if (Owned(key, id) is not { } intent)
        {
            return Missing(id);
        }

        var status = intent["status"]!.GetValue<string>();
        if (status is "succeeded" or "canceled" or "processing")
        {
            var (code, body) = Error(400, "invalid_request_error", "payment_intent_unexpected_state", $"You cannot cancel this PaymentIntent because it has a status of {status}.");
            return (code, body, null);
        }

        intent["status"] = "canceled";
        intent["cancellation_reason"] = form.GetValueOrDefault("cancellation_reason");
        return (200, intent.DeepClone().AsObject(), null);
    }

    private (int, JsonObject, string?) CreateRefund(string key, Dictionary<string, string> form)
    {
        if (!form.TryGetValue("payment_intent", out var intentId) || Owned(key, intentId) is not { } intent)
        {
            return Missing(intentId ?? "");
        }

        if (intent["status"]!.GetValue<string>() != "succeeded")
        {
            var (code, body) = Error(400, "invalid_request_error", "charge_not_refundable", "This PaymentIntent has no successful charge to refund.");
            return (code, body, null);
        }

        var charge = ChargeOf(intentId);
        var left = charge["amount"]!.GetValue<long>() - charge["amount_refunded"]!.GetValue<long>();
        var amount = form.TryGetValue("amount", out var text) ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : left;
        if (amount < 1 || amount > left)
        {
            var (code, body) = Error(400, "invalid_request_error", amount > left && left == 0 ? "charge_already_refunded" : "amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({left}).");
            return (code, body, null);
        }

        charge["amount_refunded"] = charge["amount_refunded"]!.GetValue<long>() + amount;
        charge["refunded"] = charge["amount_refunded"]!.GetValue<long>() == charge["amount"]!.GetValue<long>();
        Refunds.Enqueue((intentId, amount));
        return (200, new JsonObject
        {
            ["id"] = "re_" + Id(),
            ["object"] = "refund",
            ["amount"] = amount,
            ["currency"] = charge["currency"]!.GetValue<string>(),
            ["charge"] = charge["id"]!.GetValue<string>(),
            ["payment_intent"] = intentId,
            ["status"] = "succeeded",
            ["metadata"] = new JsonObject(),
            ["created"] = Now().ToUnixTimeSeconds(),
        }, null);
    }

    /// <summary>Refunds actually made (not replays): PaymentIntent and amount.</summary>
    public ConcurrentQueue<(string IntentId, long Amount)> Refunds { get; } = new();

    private JsonObject? Owned(string key, string id) => _intents.TryGetValue(id, out var found) && found.Key == key ? found.Intent : null;

    private static (int, JsonObject, string?) Missing(string id)
    {
        var (code, body) = Error(404, "invalid_request_error", "resource_missing", $"No such payment_intent: '{id}'");
        return (code, body, null);
    }

    private static (int, JsonObject, string?) Invalid(string param, string message)
    {
        var (code, body) = Error(400, "invalid_request_error", "parameter_invalid", message);
        body["error"]!["param"] = param;
        return (code, body, $"{param}: {message}");
    }

    private static (int Status, JsonObject Body) Error(int status, string type, string? code, string message) =>
        (status, new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message } });

    private static async Task AnswerAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + Id();
        await context.Response.WriteAsync(json);
    }

    private static string Id() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public async ValueTask DisposeAsync()
    {
        _webhooks.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Account(string SecretKey, string WebhookSecret);

    /// <summary>One API request: what was sent, and what was wrong with it (null: nothing).</summary>
    public sealed record Call(string Method, string Path, string? Key, string IdempotencyKey, IReadOnlyDictionary<string, string> Form, string? Failure, bool Replayed);
}
