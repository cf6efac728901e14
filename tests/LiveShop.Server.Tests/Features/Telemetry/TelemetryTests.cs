using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LiveShop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Server.Tests.Features.Telemetry;

/// <summary>
/// Runs alone: OpenTelemetry listens to every meter named "LiveShop" in the process, so another test server placing
/// orders at the same time would be counted too (in production one process is one app).
/// </summary>
[CollectionDefinition(nameof(ProcessWideMeters), DisableParallelization = true)]
public sealed class ProcessWideMeters;

/// <summary>
/// What an operator's monitoring sees (issue 16): an order, its payment and the room's connections counted on the
/// Prometheus scrape endpoint, and traces and metrics pushed over OTLP/HTTP to a collector (a local one that keeps
/// what it receives and checks the protocol's media type).
/// </summary>
[Collection(nameof(ProcessWideMeters))]
public sealed partial class TelemetryTests : IAsyncLifetime
{
    private static readonly Guid Teapot = LiveRoom.Lineup[2];   // NT$1,980
    private readonly FakeCollector _collector = new();
    private TelemetryServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new TelemetryServer(_collector.Url);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task AnOrderInALiveRoom_IsCountedForPrometheus_AndPushedToTheCollector()
    {
        await using var room = await LiveRoom.StartAsync(_server, "Watched show");
        var buyer = await _server.GuestAsync("Counted Buyer");
        await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Teapot, 1980m));

        using var scraper = new HttpClient { BaseAddress = _server.BaseAddress };
        var metrics = await scraper.GetStringAsync("/metrics");
        Assert.Matches(Sample("liveshop_orders_placed_total", "currency=\"TWD\"", "1"), metrics);
        Assert.Matches(Sample("liveshop_payments_total", "outcome=\"paid\"", "1"), metrics);
        Assert.Matches(Sample("liveshop_hub_connections", $"show_id=\"{room.Show.Id}\"", "[1-9][0-9]*"), metrics);
        Assert.Matches(Sample("liveshop_room_events_total", "", "[1-9][0-9]*"), metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);

        // The collector gets the same metrics (every second here) and the order's request as a span.
        await _collector.WaitForAsync("/v1/metrics", "liveshop.orders.placed");
        await _collector.WaitForAsync("/v1/traces", "/api/orders");
        Assert.All(_collector.Received, r => Assert.Equal("application/x-protobuf", r.ContentType));
    }

    [Fact]
    public async Task WithoutSettings_ThereIsNoScrapeEndpoint()
    {
        await using var plain = new LiveShopFactory();
        using var client = new HttpClient { BaseAddress = plain.BaseAddress };

        using var response = await client.GetAsync("/metrics");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("liveshop_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A sample line of the Prometheus text format: the name, labels including <paramref name="label"/>, the value.</summary>
    private static Regex Sample(string name, string label, string value) =>
        new($"(?m)^{name}\\{{[^}}\\n]*{Regex.Escape(label)}[^}}\\n]*\\}} {value}(\\s|$)");

    /// <summary>The app with telemetry on: Prometheus at /metrics, OTLP to the collector, metrics pushed every second.</summary>
    private sealed class TelemetryServer(string collector) : LiveShopFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telemetry:Prometheus", "true");
            builder.UseSetting("Telemetry:OtlpEndpoint", collector);
            builder.UseSetting("Telemetry:ExportIntervalSeconds", "1");
        }
    }

    /// <summary>An OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1 (real Kestrel): keeps every export it gets.</summary>
    private sealed class FakeCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        public FakeCollector()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = builder.Build();
            _app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                Received.Enqueue(new Export(context.Request.Path, context.Request.ContentType ?? "", body.ToArray()));
                context.Response.StatusCode = StatusCodes.Status200OK; // an empty Export*ServiceResponse
            });
            _app.StartAsync().GetAwaiter().GetResult();
            Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }

        public string Url { get; }

        public ConcurrentQueue<Export> Received { get; } = new();

        /// <summary>Waits (15 s at most) for an export to <paramref name="path"/> whose protobuf carries <paramref name="text"/> (names and attribute values are plain UTF-8 in it).</summary>
        public async Task WaitForAsync(string path, string text)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            var bytes = Encoding.UTF8.GetBytes(text);
            while (!Received.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(bytes) >= 0))
            {
                Assert.True(DateTime.UtcNow < deadline, $"no export to {path} carried \"{text}\" ({Received.Count} exports came)");
                await Task.Delay(200);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public sealed record Export(string Path, string ContentType, byte[] Body);
}
