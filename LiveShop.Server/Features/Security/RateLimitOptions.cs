namespace LiveShop.Server.Features.Security;

/// <summary>
/// A limit of <see cref="Permits"/> per <see cref="WindowSeconds"/>, enforced as a token bucket: a burst of
/// <see cref="Permits"/>, then one permit back every <c>WindowSeconds / Permits</c> seconds.
/// </summary>
public sealed class WindowLimit
{
    public WindowLimit()
    {
    }

    public WindowLimit(int permits, int windowSeconds)
    {
        Permits = permits;
        WindowSeconds = windowSeconds;
    }

    public int Permits { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    /// <summary>How long one permit takes to come back.</summary>
    public TimeSpan Refill => TimeSpan.FromSeconds((double)WindowSeconds / Math.Max(1, Permits));

    public bool IsValid => Permits >= 1 && WindowSeconds >= 1;

    public override string ToString() => $"{Permits} per {WindowSeconds} s";
}

/// <summary>
/// Configuration section <c>RateLimits</c>: every limit an anonymous or hostile caller meets. "Per address"
/// means per client address as <see cref="ClientAddress"/> sees it (an IPv4 address, or an IPv6 /64 — one
/// household or phone), after the configured proxies' forwarded headers. The defaults suit one shop's
/// audience; the tests and the load tool raise them through these same settings (docs/security.md).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Off only when a test or the load tool says so; never off in Production (checked at start).</summary>
    public bool Enabled { get; set; } = true;

    // HTTP, per address.

    /// <summary><c>POST /api/account/guest</c>.</summary>
    public WindowLimit Guest { get; set; } = new(20, 600);

    /// <summary><c>POST /api/account/register</c>.</summary>
    public WindowLimit Register { get; set; } = new(10, 3600);

    /// <summary><c>POST /api/account/sign-in</c>, every attempt.</summary>
    public WindowLimit SignIn { get; set; } = new(20, 300);

    /// <summary>Wrong passwords for one account from browsers that have never signed in to it (the owner's own browser is exempt).</summary>
    public WindowLimit SignInFailuresPerAccount { get; set; } = new(10, 900);

    /// <summary><c>POST /api/orders</c> and the payment calls, per signed-in user (or address).</summary>
    public WindowLimit PlaceOrder { get; set; } = new(30, 60);

    /// <summary>Requests that send mail to an address the caller names (forgot password, resend confirmation, change e-mail).</summary>
    public WindowLimit Mail { get; set; } = new(10, 3600);

    /// <summary><c>GET /r/{code}</c>, share links opened.</summary>
    public WindowLimit ShareLink { get; set; } = new(60, 60);

    // The live hub.

    /// <summary>Hub connections open at once from one address.</summary>
    public int HubConnectionsPerAddress { get; set; } = 200;

    /// <summary>Hub connections opened from one address with neither an account nor a visitor cookie (no page was loaded).</summary>
    public WindowLimit AnonymousConnections { get; set; } = new(30, 60);

    /// <summary>A guest may chat or ask only after this many seconds in the show's room (0: at once).</summary>
    public int GuestChatAfterSeconds { get; set; } = 10;

    /// <summary>Chat lines from all guests of one show together.</summary>
    public WindowLimit GuestChatPerShow { get; set; } = new(60, 10);

    /// <summary>Questions from all guests of one show together.</summary>
    public WindowLimit GuestQuestionsPerShow { get; set; } = new(20, 60);

    /// <summary>Chat lines and questions from one address in one show, whoever sends them.</summary>
    public WindowLimit ChatPerAddress { get; set; } = new(20, 10);

    /// <summary>Hearts from one address (all its connections).</summary>
    public WindowLimit HeartsPerAddress { get; set; } = new(20, 1);

    public IEnumerable<string> Problems()
    {
        foreach (var (name, limit) in new[]
                 {
                     (nameof(Guest), Guest), (nameof(Register), Register), (nameof(SignIn), SignIn),
                     (nameof(SignInFailuresPerAccount), SignInFailuresPerAccount), (nameof(PlaceOrder), PlaceOrder),
                     (nameof(ShareLink), ShareLink), (nameof(Mail), Mail), (nameof(AnonymousConnections), AnonymousConnections),
                     (nameof(GuestChatPerShow), GuestChatPerShow), (nameof(GuestQuestionsPerShow), GuestQuestionsPerShow),
                     (nameof(ChatPerAddress), ChatPerAddress), (nameof(HeartsPerAddress), HeartsPerAddress),
                 })
        {
            if (!limit.IsValid)
            {
                yield return $"RateLimits:{name} needs Permits and WindowSeconds of at least 1.";
            }
        }

        if (HubConnectionsPerAddress < 1)
        {
            yield return "RateLimits:HubConnectionsPerAddress must be at least 1.";
        }

        if (GuestChatAfterSeconds is < 0 or > 3600)
        {
            yield return "RateLimits:GuestChatAfterSeconds must be 0 to 3600.";
        }
    }
}
