using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>
/// Delivers the outbox at least once, apart from the requests that wrote it (a slow or dead receiver never
/// delays an order). Each round: fans every new <see cref="OutboxMessage"/> out into one
/// <see cref="WebhookDelivery"/> per active endpoint of its shop subscribed to its type (and marks it fanned
/// out, in the same save), then POSTs the due deliveries, at most <see cref="WebhookOptions.MaxConcurrency"/>
/// at once (a hanging receiver holds one slot, never the loop), each signed (<see cref="WebhookSignature"/>). A 2xx delivers; anything else, or no answer within
/// <see cref="WebhookOptions.TimeoutSeconds"/>, is a failed attempt retried with exponential backoff and jitter
/// until <see cref="WebhookOptions.RetryForHours"/> have passed. Runs at start (whatever a stopped server
/// left), when <see cref="Wake"/> is called (an outbox row was committed), when the next retry is due, and
/// every <see cref="WebhookOptions.PollSeconds"/>.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    LiveShopMetrics metrics,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>How often the backlog gauge is recounted (a count of pending deliveries, not on every wake).</summary>
    private static readonly TimeSpan BacklogEvery = TimeSpan.FromSeconds(5);

    private DateTimeOffset _backlogCountedAt = DateTimeOffset.MinValue;

    public const string HttpClientName = "LiveShop.Webhooks";

    private const int Batch = 100;

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(100);

    private readonly WakeSignal _wake = new();

    /// <summary>The deliveries being attempted now, by id.</summary>
    private readonly ConcurrentDictionary<Guid, Task> _inFlight = new();

    /// <summary>New work: run a round now instead of at the next poll.</summary>
    public void Wake() => _wake.Set();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromSeconds(options.Value.PollSeconds);
            try
            {
                await CountBacklogAsync(stoppingToken);
                await FanOutAsync(stoppingToken);
                if (await DeliverDueAsync(stoppingToken) is { } nextDue)
                {
                    // At least a moment: a delivery just started is due until its attempt claims it.
                    var untilDue = nextDue - clock.GetUtcNow();
                    wait = untilDue < MinimumWait ? MinimumWait : untilDue < wait ? untilDue : wait;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, e);
            }

            using var timeout = new CancellationTokenSource(wait, clock);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            try
            {
                await _wake.WaitAsync(either.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval or the next retry came.
            }
        }
    }

    /// <summary>Makes the deliveries of every message not fanned out yet; returns how many messages it fanned out.</summary>
    public async Task<int> FanOutAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
            var messages = await db.Outbox.Where(m => m.FannedOutAt == null).OrderBy(m => m.OccurredAt).Take(Batch).ToListAsync(cancellationToken);
            if (messages.Count == 0)
            {
                return total;
            }

            var shopIds = messages.Select(m => m.ShopId).Distinct().ToList();
            var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => shopIds.Contains(e.ShopId) && e.Active).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var message in messages)
            {
                foreach (var endpoint in endpoints.Where(e => e.ShopId == message.ShopId && e.Wants(message.Type)))
                {
                    db.WebhookDeliveries.Add(new WebhookDelivery(endpoint.Id, message.Id, message.Type, now));
                }

                message.FannedOutAt = now.ToMilliseconds();
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // Another instance fanned the same messages out meanwhile: its deliveries stand.
                return total;
            }

            total += messages.Count;
            if (messages.Count < Batch)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Starts due deliveries in the free slots (of <see cref="WebhookOptions.MaxConcurrency"/>) without waiting for
    /// them: a receiver that hangs holds one slot, not the round. Each one wakes the loop when it ends. Returns
    /// when the next pending delivery is due (null: none, or every slot busy).
    /// </summary>
    public async Task<DateTimeOffset?> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var free = options.Value.MaxConcurrency - _inFlight.Count;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        if (free > 0)
        {
            var now = clock.GetUtcNow();
            var due = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => d.Id)
                .Take(free + _inFlight.Count)
                .ToListAsync(cancellationToken);
            foreach (var id in due.Where(id => !_inFlight.ContainsKey(id)).Take(free))
            {
                // Registered before it starts, so its own removal at the end cannot come first.
                var attempt = new Task<Task>(() => DeliverAsync(id, cancellationToken));
                _inFlight[id] = attempt.Unwrap();
                attempt.Start(TaskScheduler.Default);
            }
        }

        if (_inFlight.Count >= options.Value.MaxConcurrency)
        {
            return null;
        }

        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending)
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.NextAttemptAt)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Sets the <c>liveshop.outbox.backlog</c> gauge: deliveries not sent yet (due or waiting for a retry).</summary>
    private async Task CountBacklogAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _backlogCountedAt < BacklogEvery)
        {
            return;
        }

        _backlogCountedAt = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        metrics.OutboxBacklog(await db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Pending, cancellationToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Attempts cut short by the stop leave their delivery claimed; it is due again when the claim runs out.
        try
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The body every attempt of an event sends, byte for byte: <c>{"id","type","created","data"}</c>.</summary>
    public static byte[] Body(OutboxMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", message.Id);
            json.WriteString("type", message.Type);
            json.WriteNumber("created", message.OccurredAt.ToUnixTimeSeconds());
            json.WritePropertyName("data");
            json.WriteRawValue(message.PayloadJson);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failed attempt: base × 3^(n−1), capped, ±20 % jitter.</summary>
    public static TimeSpan Backoff(int failures, WebhookOptions options, double jitter)
    {
        var seconds = Math.Min(options.BackoffBaseSeconds * Math.Pow(3, Math.Max(0, failures - 1)), options.BackoffCapSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * jitter)));
    }

    private async Task DeliverAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverOneAsync(deliveryId, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Left due (its claim runs out): a later round tries again.
            LogDeliveryFailed(logger, deliveryId, e);
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
        finally
        {
            _inFlight.TryRemove(deliveryId, out _);
            try
            {
                Wake();
            }
            catch (ObjectDisposedException)
            {
                // The app is gone.
            }
        }
    }

    private async Task DeliverOneAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var now = clock.GetUtcNow();

        // Claim it past the attempt's timeout: another round (or instance) leaves it alone; a crash mid-attempt leaves it due again.
        var claimUntil = (now + TimeSpan.FromSeconds(settings.TimeoutSeconds + 30)).ToMilliseconds();
        var claimed = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, claimUntil), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == deliveryId, cancellationToken);
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        var message = await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == delivery.MessageId, cancellationToken);
        if (endpoint is null)
        {
            return;
        }

        int? status = null;
        string? error = null;
        var started = Stopwatch.GetTimestamp();
        if (message is null)
        {
            error = "The event is no longer stored.";
        }
        else
        {
            (status, error) = await PostAsync(endpoint, message, cancellationToken);
        }

        var took = Stopwatch.GetElapsedTime(started);
        var at = clock.GetUtcNow();
        DateTimeOffset? retryAt = null;
        if (status is not (>= 200 and < 300) && message is not null)
        {
            var next = at + Backoff(delivery.Attempts.Count + 1, settings, Random.Shared.NextDouble());
            retryAt = next <= delivery.RetryFrom + TimeSpan.FromHours(settings.RetryForHours) ? next : null;
        }

        delivery.Record(at, status, error, took, retryAt);
        await db.SaveChangesAsync(CancellationToken.None);
        if (delivery.Status == WebhookDeliveryStatus.Failed)
        {
            LogGaveUp(logger, delivery.MessageId, endpoint.Id, delivery.Attempts.Count);
        }
    }

    private async Task<(int? Status, string? Error)> PostAsync(WebhookEndpoint endpoint, OutboxMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.EventIdHeader, message.Id.ToString());
        request.Headers.Add(WebhookSignature.EventTypeHeader, message.Type);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secrets.Unprotect(endpoint.SecretProtected), timestamp, body));
        request.Headers.UserAgent.ParseAdd("LiveShop-Webhooks/1.0");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return (code, code is >= 200 and < 300 ? null : $"The endpoint answered {code} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {options.Value.TimeoutSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            return (null, Truncate(e.InnerException?.Message is { } inner ? $"{e.Message} {inner}" : e.Message));
        }
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of webhook deliveries failed; the next round tries again.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} could not be attempted; it stays due.")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid deliveryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up delivering event {EventId} to webhook endpoint {EndpointId} after {Attempts} attempts.")]
    private static partial void LogGaveUp(ILogger logger, Guid eventId, Guid endpointId, int attempts);

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
