using System.Collections.Concurrent;
using System.Net;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>A browser that has loaded a page: it carries the visitor cookie (<c>ls_vid</c>), as a real one would.</summary>
public static class Visitors
{
    public static CookieContainer NewCookies(LiveShopFactory factory, Guid? visitorId = null)
    {
        var cookies = new CookieContainer();
        cookies.Add(factory.BaseAddress, new Cookie(VisitorCookie.Name, factory.VisitorCookieValue(visitorId ?? Guid.NewGuid())));
        return cookies;
    }

    /// <summary>The visitor cookie's value this server would issue for <paramref name="visitorId"/> (signed with its identity secret).</summary>
    public static string VisitorCookieValue(this LiveShopFactory factory, Guid visitorId) =>
        factory.Services.GetRequiredService<IdentityKeys>().SignVisitor(visitorId);
}

/// <summary>The test server with every limit raised except the ones a test names (applied after the raised ones).</summary>
public abstract class SomeLimitsFactory : LiveShopFactory
{
    protected abstract IReadOnlyDictionary<string, string> Limits { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (name, value) in Limits)
        {
            builder.UseSetting(name, value);
        }
    }
}

/// <summary>Three hub connections per address; four connections a minute without a page loaded.</summary>
public sealed class HubConnectionLimitsFactory : SomeLimitsFactory
{
    protected override IReadOnlyDictionary<string, string> Limits { get; } = new Dictionary<string, string>
    {
        ["RateLimits:HubConnectionsPerAddress"] = "3",
        ["RateLimits:AnonymousConnections:Permits"] = "4", ["RateLimits:AnonymousConnections:WindowSeconds"] = "600",
    };
}

/// <summary>Guests speak after 2 s in the room; all guests of a show: 10 lines and 5 questions per 10 minutes.</summary>
public sealed class GuestChatLimitsFactory : SomeLimitsFactory
{
    protected override IReadOnlyDictionary<string, string> Limits { get; } = new Dictionary<string, string>
    {
        ["RateLimits:GuestChatAfterSeconds"] = "2",
        ["RateLimits:GuestChatPerShow:Permits"] = "10", ["RateLimits:GuestChatPerShow:WindowSeconds"] = "600",
        ["RateLimits:GuestQuestionsPerShow:Permits"] = "5", ["RateLimits:GuestQuestionsPerShow:WindowSeconds"] = "600",
    };
}

/// <summary>One address: 5 lines and questions per show, 10 hearts, per 10 minutes.</summary>
public sealed class AddressLimitsFactory : SomeLimitsFactory
{
    protected override IReadOnlyDictionary<string, string> Limits { get; } = new Dictionary<string, string>
    {
        ["RateLimits:ChatPerAddress:Permits"] = "5", ["RateLimits:ChatPerAddress:WindowSeconds"] = "600",
        ["RateLimits:HeartsPerAddress:Permits"] = "10", ["RateLimits:HeartsPerAddress:WindowSeconds"] = "600",
    };
}

/// <summary>The test server with every log line at Warning or above kept, to check what a flood writes.</summary>
public sealed class LogCapturingFactory : LiveShopFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

public sealed record LogLine(string Category, LogLevel Level, string Message, Exception? Exception);

public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), exception));
    }
}
