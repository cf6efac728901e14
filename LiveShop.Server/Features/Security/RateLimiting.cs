using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Security;

/// <summary>The named HTTP rate-limit policies; endpoints opt in with <c>.RequireRateLimiting(...)</c>.</summary>
public static class RateLimitPolicies
{
    public const string Guest = "guest";
    public const string Register = "register";
    public const string SignIn = "sign-in";
    public const string PlaceOrder = "place-order";
    public const string ShareLink = "share-link";
    public const string Mail = "mail";
}

public static class RateLimiting
{
    /// <summary>ASP.NET Core's rate limiter with LiveShop's policies; a refusal is a 429 ProblemDetails with Retry-After.</summary>
    public static WebApplicationBuilder AddLiveShopRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => !o.Problems().Any(), "RateLimits: every limit needs Permits and WindowSeconds of at least 1 (see docs/security.md).")
            .Validate(o => o.Enabled || !builder.Environment.IsProduction(), "RateLimits:Enabled cannot be false in Production.")
            .ValidateOnStart();
        builder.Services.AddSingleton<KeyedLimiters>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(Realtime.Scaleout.RoomScaleout.RedisConnectionName)))
        {
            // Several instances: every limit also counts in Redis (SharedLimits).
            builder.Services.AddSingleton<SharedLimits>();
        }

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicies.Guest, context => ByAddress(context, RateLimitPolicies.Guest, o => o.Guest));
            options.AddPolicy(RateLimitPolicies.Register, context => ByAddress(context, RateLimitPolicies.Register, o => o.Register));
            options.AddPolicy(RateLimitPolicies.SignIn, context => ByAddress(context, RateLimitPolicies.SignIn, o => o.SignIn));
            options.AddPolicy(RateLimitPolicies.ShareLink, context => ByAddress(context, RateLimitPolicies.ShareLink, o => o.ShareLink));
            options.AddPolicy(RateLimitPolicies.Mail, context => ByAddress(context, RateLimitPolicies.Mail, o => o.Mail));
            options.AddPolicy(RateLimitPolicies.PlaceOrder, context =>
            {
                // A signed-in buyer (a guest too) by account, so a shared address (an office, a venue's Wi-Fi) does not share one budget.
                var key = context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? "u:" + user : "a:" + ClientAddress.Of(context);
                return Partition(context, RateLimitPolicies.PlaceOrder, key, o => o.PlaceOrder);
            });
            options.OnRejected = (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                return WriteTooManyAsync(rejected.HttpContext, retryAfter, "Too many requests from your address.");
            };
        });
        return builder;
    }

    /// <summary>Runs the limiter (after authentication, so per-account policies see the user).</summary>
    public static WebApplication UseLiveShopRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Whole seconds to wait, at least 1: what Retry-After and the refusal sentences say.</summary>
    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>The refusal every limit gives, over HTTP (429 + Retry-After) and over the hub (the same code).</summary>
    public static DomainException TooMany(TimeSpan retryAfter, Phrase? sentence = null)
    {
        var seconds = Seconds(retryAfter);
        var why = sentence ?? "Too many requests.";
        return seconds == 1
            ? DomainException.TooManyRequests(ProblemCodes.RateLimited, "{0} Try again in 1 second.", retryAfter, why)
            : DomainException.TooManyRequests(ProblemCodes.RateLimited, "{0} Try again in {1} seconds.", retryAfter, why, seconds);
    }

    /// <summary>
    /// Writes the 429 refusal outside an endpoint (the rate limiter's own refusals, the hub's connection limits):
    /// Retry-After and the same ProblemDetails as <see cref="TooMany"/> thrown from an endpoint.
    /// </summary>
    public static async ValueTask WriteTooManyAsync(HttpContext context, TimeSpan retryAfter, Phrase sentence)
    {
        var refusal = TooMany(retryAfter, sentence);
        context.Response.StatusCode = refusal.StatusCode;
        context.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        var problem = ProblemFactory.Create(refusal.StatusCode, refusal.Code, refusal.Localize(context.RequestServices.GetRequiredService<IStringLocalizer<Resources.ServerText>>()));
        foreach (var (name, value) in refusal.Extensions)
        {
            problem.Extensions[name] = value;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    }

    private static RateLimitPartition<string> ByAddress(HttpContext context, string policy, Func<RateLimitOptions, WindowLimit> limit) =>
        Partition(context, policy, ClientAddress.Of(context), limit);

    private static RateLimitPartition<string> Partition(HttpContext context, string policy, string key, Func<RateLimitOptions, WindowLimit> pick)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!options.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var limit = pick(options);
        if (context.RequestServices.GetService<SharedLimits>() is { } shared)
        {
            return RateLimitPartition.Get(key, k => new SharedRateLimiter(new TokenBucketRateLimiter(KeyedLimiters.Bucket(limit)), shared, policy, limit, k));
        }

        return RateLimitPartition.GetTokenBucketLimiter(key, _ => KeyedLimiters.Bucket(limit));
    }
}
