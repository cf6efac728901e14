using System.ComponentModel.DataAnnotations;
using LiveShop.Server.Features.Common;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LiveShop.Server.Features.Telemetry;

/// <summary>Configuration section <c>Telemetry</c> (docs/operations.md).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OTLP collector (<c>http://collector:4318</c>, HTTP/protobuf) for traces and metrics; empty: none. <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> also turns it on.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Serve the metrics for a Prometheus scrape at <c>/metrics</c>. Off by default: expose it to the scraper only.</summary>
    public bool Prometheus { get; set; }

    /// <summary>How often metrics are pushed over OTLP.</summary>
    [Range(1, 3600)]
    public int ExportIntervalSeconds { get; set; } = 60;

    /// <summary>Logs as one JSON object a line (for a log collector). Defaults to true in Production.</summary>
    public bool? JsonLogs { get; set; }
}

/// <summary>
/// Traces and metrics with OpenTelemetry (issue 16): ASP.NET Core requests, outgoing HTTP (Stripe, webhooks, ACS),
/// SignalR and Npgsql spans; request, connection, runtime and the app's own metrics (<see cref="LiveShopMetrics"/>:
/// orders, payment outcomes, room events, hub connections per show, outbox backlog). Exported over OTLP when a
/// collector is configured and on <c>/metrics</c> for Prometheus when that is on; nothing is collected otherwise.
/// </summary>
public static class TelemetryModule
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddLiveShopTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LiveShopMetrics>();

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.JsonLogs ?? builder.Environment.IsProduction())
        {
            builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }

        // Telemetry:OtlpEndpoint is OTLP over HTTP/protobuf to that collector; OTEL_EXPORTER_OTLP_* (endpoint, protocol,
        // headers) are read by the exporter itself when that setting is empty, as every OpenTelemetry SDK does.
        var otlp = options.OtlpEndpoint is { Length: > 0 } configured ? configured : null;
        var useOtlp = otlp is not null || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!useOtlp && !options.Prometheus)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("liveshop", serviceInstanceId: Environment.MachineName + "/" + Environment.ProcessId))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    // Not Npgsql's meter: its pool tag is made of the connection string (host, database, user).
                    .AddMeter(LiveShopMetrics.MeterName, "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel");
                if (useOtlp)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Otlp(exporter, otlp, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.ExportIntervalSeconds * 1000;
                    });
                }

                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (useOtlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(a => a.Filter = context => !Health.HealthEndpoints.IsHealthPath(context.Request.Path) && context.Request.Path != MetricsPath)
                .AddHttpClientInstrumentation()
                .AddSource("Microsoft.AspNetCore.SignalR.Server", "Npgsql")
                .AddOtlpExporter(exporter => Otlp(exporter, otlp, "v1/traces")));
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).DisableRateLimiting();
        }

        return app;
    }

    /// <summary>OTLP over HTTP/protobuf to the collector's signal path (what port 4318 of a collector serves), when set by <c>Telemetry:OtlpEndpoint</c>.</summary>
    private static void Otlp(OtlpExporterOptions exporter, string? endpoint, string signal)
    {
        if (endpoint is null)
        {
            return; // OTEL_EXPORTER_OTLP_* as the exporter reads them
        }

        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = new Uri(new Uri(endpoint.TrimEnd('/') + "/"), signal);
    }
}
