using System.Globalization;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Security;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Hubs;

/// <summary>
/// Limits on opening live-hub connections, checked on the hub's own requests before SignalR sees them,
/// so a refusal is a plain 429 + Retry-After ProblemDetails (<c>rate-limited</c>) at negotiate or at the
/// WebSocket upgrade:
/// <list type="bullet">
/// <item><c>RateLimits:HubConnectionsPerAddress</c> — connections open at once from one address. A
/// connection is counted while its transport request lasts (the WebSocket, server-sent events, or a
/// long poll in flight) and no longer once it closes.</item>
/// <item><c>RateLimits:AnonymousConnections</c> — connections opened (negotiate, or a WebSocket that skipped
/// it) by a caller with neither an account nor a visitor cookie the server signed, i.e. that never loaded
/// a page (an unsigned or forged <c>ls_vid</c> counts as none).</item>
/// </list>
/// </summary>
public sealed partial class HubConnectionLimits(IOptions<RateLimitOptions> options, KeyedLimiters limiters, ILogger<HubConnectionLimits> logger)
{
    /// <summary>What a refused caller is told to wait before trying again when its address is full.</summary>
    private static readonly TimeSpan FullRetryAfter = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, int> _open = [];
    private readonly Lock _gate = new();

    /// <summary>Open connections counted for <paramref name="address"/> (for tests and diagnostics).</summary>
    internal int OpenFrom(string address)
    {
        lock (_gate)
        {
            return _open.GetValueOrDefault(address);
        }
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            await next(context);
            return;
        }

        var address = ClientAddress.Of(context);
        var negotiate = context.Request.Path.Value?.TrimEnd('/').EndsWith("/negotiate", StringComparison.OrdinalIgnoreCase) == true;
        var opens = negotiate || (context.WebSockets.IsWebSocketRequest && !context.Request.Query.ContainsKey("id"));
        if (opens && context.User.FindUserId() is null && VisitorCookie.Read(context) is null
            && !limiters.TryTake("anonymous-hub-connections", settings.AnonymousConnections, address, out var wait))
        {
            LogRefused(logger, "anonymous connections");
            await RateLimiting.WriteTooManyAsync(context, wait, "Too many connections from your address without a page loaded.");
            return;
        }

        if (negotiate)
        {
            if (OpenFrom(address) >= settings.HubConnectionsPerAddress)
            {
                LogRefused(logger, "connections per address");
                await RateLimiting.WriteTooManyAsync(context, FullRetryAfter, "Too many live connections from your address.");
                return;
            }

            await next(context);
            return;
        }

        // A transport request: the WebSocket or event stream (lasts as long as the connection), or a long poll.
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        if (!TryOpen(address, settings.HubConnectionsPerAddress))
        {
            LogRefused(logger, "connections per address");
            await RateLimiting.WriteTooManyAsync(context, FullRetryAfter, "Too many live connections from your address.");
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Close(address);
        }
    }

    private bool TryOpen(string address, int cap)
    {
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(address);
            if (open >= cap)
            {
                return false;
            }

            _open[address] = open + 1;
            return true;
        }
    }

    private void Close(string address)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(address, out var open) && open <= 1)
            {
                _open.Remove(address);
            }
            else if (open > 1)
            {
                _open[address] = open - 1;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hub connection refused: {Limit}.")]
    private static partial void LogRefused(ILogger logger, string limit);
}
