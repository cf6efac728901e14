using System.Text.Json;
using LiveShop.Server.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveShop.Server.Features.Health;

/// <summary>
/// What a load balancer or an orchestrator asks an instance (issue 16): <c>/health/live</c> — the process answers
/// (restart it if not); <c>/health/ready</c> — send it traffic: its database answers and it is not shutting down.
/// Both are anonymous, never cached by HTTP, and say nothing a stranger could use (check names and Healthy/Unhealthy);
/// the database is asked at most once a second however often they are called.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddLiveShopHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<StoppingHealthCheck>("accepting", tags: [ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .DisableRateLimiting();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .DisableRateLimiting();
        return app;
    }

    /// <summary><c>{"status":"Unhealthy","checks":{"database":"Unhealthy","accepting":"Healthy"}}</c>; 503 unless healthy.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString());
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = checks,
        }));
    }

    public static bool IsHealthPath(PathString path) => path.StartsWithSegments("/health");
}

/// <summary>
/// The database answers a query on the app's own schema (a lost or replaced database file fails it too). The answer is
/// kept for a second: the probe is anonymous, and a flood of it must not become a flood of queries.
/// </summary>
internal sealed partial class DatabaseHealthCheck(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _asking = new(1, 1);
    private (HealthCheckResult Result, DateTimeOffset At)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } kept)
        {
            return kept;
        }

        await _asking.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } answered)
            {
                return answered; // asked while this caller waited
            }

            var result = await AskAsync(cancellationToken);
            _last = (result, clock.GetUtcNow());
            return result;
        }
        finally
        {
            _asking.Release();
        }
    }

    private HealthCheckResult? Fresh() => _last is { } last && clock.GetUtcNow() - last.At < KeptFor ? last.Result : null;

    private async Task<HealthCheckResult> AskAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
            await db.Shops.AsNoTracking().Select(s => s.Id).FirstOrDefaultAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, e.GetType().Name);
            return HealthCheckResult.Unhealthy();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the database did not answer ({Error}).")]
    private static partial void LogUnreachable(ILogger logger, string error);
}

/// <summary>Unhealthy from the moment the instance is asked to stop (<see cref="Realtime.RoomDrain"/>), so the load balancer sends it nothing new.</summary>
internal sealed class StoppingHealthCheck(Realtime.RoomDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.Stopping ? HealthCheckResult.Unhealthy() : HealthCheckResult.Healthy());
}
