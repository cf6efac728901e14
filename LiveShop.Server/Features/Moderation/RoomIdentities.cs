using System.Collections.Concurrent;
using System.Security.Claims;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Security;

namespace LiveShop.Server.Features.Moderation;

/// <summary>What one user was seen with in one show: whether they are a guest, and the keys of their browsers and addresses.</summary>
public sealed record SeenIdentities(bool IsGuest, IReadOnlyList<string> Visitors, IReadOnlyList<string> Addresses)
{
    /// <summary>The keys a restriction of someone else reaches this user by: the browser always, the address only for a guest (see docs/decisions.md).</summary>
    public IReadOnlyList<string> CoveredBy => IsGuest ? [.. Visitors, .. Addresses] : Visitors;
}

/// <summary>
/// Which browsers (visitor cookie) and addresses each signed-in user joined a show's room from, as
/// keyed hashes (<see cref="IdentityKeys"/>), so a timeout or ban can cover them and a fresh guest from
/// the same browser or address is still restricted. In memory and bounded: a few keys per user,
/// <see cref="MaxEntries"/> users in all, each forgotten <see cref="Lifetime"/> after it was last seen.
/// A restriction copies the keys it covers into the database (<see cref="ShowRestrictionCover"/>), so
/// nothing a ban needs is lost when an entry here is.
/// </summary>
public sealed class RoomIdentities(IdentityKeys keys, TimeProvider clock)
{
    public const int MaxEntries = 100_000;
    public const int MaxKeysPerKind = 4;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<(Guid Show, Guid User), Entry> _entries = new();
    private int _pruning;

    /// <summary>Called when a connection joins a show's room. Anonymous connections are not recorded (they cannot chat).</summary>
    public void Seen(Guid showId, ClaimsPrincipal? user, HttpContext? http)
    {
        if (user?.FindUserId() is not { } userId)
        {
            return;
        }

        var visitor = VisitorCookie.Read(http) is { } id ? keys.Visitor(id) : null;
        // "unknown" (an in-process test server) is nobody's address: it would cover every such caller.
        var address = ClientAddress.Of(http) is var raw && raw != "unknown" ? keys.Address(raw) : null;
        var now = clock.GetUtcNow();
        var entry = _entries.GetOrAdd((showId, userId), _ => new Entry(user.IsGuest()));
        entry.Add(visitor, address, now);
        if (_entries.Count > MaxEntries)
        {
            Prune(now);
        }
    }

    /// <summary>What the user was seen with in the show; null when never seen (or forgotten).</summary>
    public SeenIdentities? Of(Guid showId, Guid userId) =>
        _entries.TryGetValue((showId, userId), out var entry) ? entry.Snapshot() : null;

    public int Count => _entries.Count;

    private void Prune(DateTimeOffset now)
    {
        if (Interlocked.Exchange(ref _pruning, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (key, entry) in _entries)
            {
                if (now - entry.LastSeen > Lifetime)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            // Still full of recent entries (a flood): drop the oldest tenth.
            if (_entries.Count > MaxEntries)
            {
                foreach (var (key, _) in _entries.OrderBy(e => e.Value.LastSeen).Take(MaxEntries / 10).ToList())
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _pruning, 0);
        }
    }

    private sealed class Entry(bool isGuest)
    {
        private readonly List<string> _visitors = [];
        private readonly List<string> _addresses = [];
        private readonly Lock _gate = new();

        public DateTimeOffset LastSeen { get; private set; }

        public void Add(string? visitor, string? address, DateTimeOffset now)
        {
            lock (_gate)
            {
                LastSeen = now;
                Remember(_visitors, visitor);
                Remember(_addresses, address);
            }
        }

        public SeenIdentities Snapshot()
        {
            lock (_gate)
            {
                return new SeenIdentities(isGuest, [.. _visitors], [.. _addresses]);
            }
        }

        /// <summary>The latest few: a key seen again moves to the end; the oldest goes when full.</summary>
        private static void Remember(List<string> list, string? key)
        {
            if (key is null)
            {
                return;
            }

            list.Remove(key);
            list.Add(key);
            if (list.Count > MaxKeysPerKind)
            {
                list.RemoveAt(0);
            }
        }
    }
}
