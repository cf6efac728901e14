using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// A shop's other system on 127.0.0.1 (real Kestrel): it checks every delivery's <c>LiveShop-Signature</c> the way
/// docs/webhooks.md tells receivers to — its own HMAC-SHA256 over "t.body" with the secret, and t within 5 minutes —
/// without LiveShop's code, and records what came. <see cref="Answer"/> picks the status per request.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public WebhookReceiver(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.Run(HandleAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/liveshop/events";

    /// <summary>The endpoint's signing secret, as the shop copied it from the back office.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The status to answer a delivery, given how many times this event id came before it (default: 200).</summary>
    public Func<Received, int, int> Answer { get; set; } = (_, _) => StatusCodes.Status200OK;

    public ConcurrentQueue<Received> Deliveries { get; } = new();

    /// <summary>Stops listening (the receiver is "down"); the port is free for a new receiver.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Waits until <paramref name="done"/> holds over the deliveries (30 s at most).</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<Received>, bool> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!done([.. Deliveries]))
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting for: {what}. Received: {string.Join(", ", Deliveries.Select(d => d.Type))}");
            await Task.Delay(50);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var received = new Received(
            root.GetProperty("id").GetGuid(),
            root.GetProperty("type").GetString()!,
            root.GetProperty("created").GetInt64(),
            root.GetProperty("data").GetRawText(),
            Encoding.UTF8.GetString(body),
            context.Request.Headers["LiveShop-Event-Id"].ToString(),
            context.Request.Headers["LiveShop-Event-Type"].ToString(),
            SignatureValid(context.Request.Headers["LiveShop-Signature"].ToString(), body),
            DateTimeOffset.UtcNow);
        var before = Deliveries.Count(d => d.Id == received.Id);
        Deliveries.Enqueue(received);
        context.Response.StatusCode = Answer(received, before);
    }

    private bool SignatureValid(string header, byte[] body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => p[1]);
        if (!long.TryParse(parts["t"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) > 300)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes($"{t}.").Concat(body).ToArray();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
        return parts["v1"].Any(v => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(v), Encoding.ASCII.GetBytes(expected)));
    }
}

/// <summary>One POST the receiver got: the body's fields, the raw body, the headers, whether the signature held.</summary>
public sealed record Received(Guid Id, string Type, long Created, string DataJson, string Body, string IdHeader, string TypeHeader, bool SignatureValid, DateTimeOffset At);

/// <summary>The app with webhook timings shortened (retries every fraction of a second), on a folder a restarted app can reuse.</summary>
public sealed class WebhookFactory : LiveShopFactory
{
    private readonly double _pollSeconds;

    public WebhookFactory()
        : this(Path.Combine(Path.GetTempPath(), "liveshop-tests", Guid.NewGuid().ToString("N")), pollSeconds: 0.5, ownsFolder: true)
    {
    }

    internal WebhookFactory(string folder, double pollSeconds, bool ownsFolder = false)
        : base(folder, ownsFolder)
    {
        _pollSeconds = pollSeconds;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:PollSeconds", _pollSeconds.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Webhooks:TimeoutSeconds", "2");
        builder.UseSetting("Webhooks:BackoffBaseSeconds", "0.2");
        builder.UseSetting("Webhooks:BackoffCapSeconds", "1");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>More settings for a test's own app (e.g. a shorter retry window).</summary>
    public Dictionary<string, string> Settings { get; } = [];
}
