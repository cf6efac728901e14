using LiveShop.Server.Features.Common;
using System.Security.Cryptography;
using LiveShop.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace LiveShop.Server.Features.Accounts.Sessions;

/// <summary>
/// The application cookie's session store (<see cref="CookieAuthenticationOptions.SessionStore"/>): tickets live in
/// the <c>AuthSessions</c> table and the cookie names only a random key. A small in-memory cache keeps a request
/// from reading the table every time; a removal on this instance evicts at once, and an entry lives at most
/// <see cref="CacheLifetime"/> (so another instance sees a removal within that time — issue 16 shares the cache).
/// </summary>
public sealed class DbTicketStore(
    IServiceScopeFactory scopes,
    IDataProtectionProvider protection,
    TimeProvider clock,
    IUserConnections connections,
    ILogger<DbTicketStore> logger) : ITicketStore, IDisposable
{
    /// <summary>How long this instance trusts a cached ticket without reading the table.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Last-seen is written at most this often per session (a read from the table, or a renewal).</summary>
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(5);

    private const string CurrentKeyItem = "LiveShop.SessionKey";
    private const int CacheEntriesMax = 100_000;
    private const string EndedPrefix = "ended:";

    private readonly IDataProtector _protector = protection.CreateProtector("LiveShop.AuthSession.v1");
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CacheEntriesMax });

    /// <summary>The session key the current request signed in with or was just given (null: none).</summary>
    public static string? CurrentKey(HttpContext? context) => context?.Items[CurrentKeyItem] as string;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var key = WebEncoders64(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var userId = UserIdOf(ticket) ?? throw new InvalidOperationException("A session needs a signed-in user id.");
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
            db.AuthSessions.Add(new AuthSession(key, userId, Protect(ticket), now, ExpiresAt(ticket, now)));
            await db.SaveChangesAsync(cancellationToken);
        }

        Cache(key, ticket);
        if (httpContext is not null)
        {
            httpContext.Items[CurrentKeyItem] = key;
        }

        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null, cancellationToken);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (IsEnded(key))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var session = await db.AuthSessions.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (session is null)
        {
            // Ended meanwhile (sign-out elsewhere, a password change): a renewal must not bring it back.
            _cache.Remove(key);
            return;
        }

        session.Renew(Protect(ticket), ExpiresAt(ticket, now), now);
        await db.SaveChangesAsync(cancellationToken);
        Cache(key, ticket);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out AuthenticationTicket? cached) && cached is not null)
        {
            if (cached.Properties.ExpiresUtc is { } expires && expires <= now)
            {
                await RemoveAsync(key, httpContext, cancellationToken);
                return null;
            }

            // A copy: a request that adds to its principal must not change what the next request reads.
            Remember(httpContext, key);
            return new AuthenticationTicket(cached.Principal.Clone(), cached.Properties.Clone(), cached.AuthenticationScheme);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var session = await db.AuthSessions.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (session is null)
        {
            return null;
        }

        if (session.IsExpired(now))
        {
            db.AuthSessions.Remove(session);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var ticket = Unprotect(session.Ticket);
        if (ticket is null)
        {
            // Keys rotated away or a tampered row: the session cannot be trusted, so it ends.
            logger.LogWarning("Session of user {UserId} could not be read and was ended", session.UserId);
            db.AuthSessions.Remove(session);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        if (now - session.LastSeenAt > SeenResolution)
        {
            // Conditional: a sign-out may delete the row meanwhile (then nothing is written, and the check below ends it).
            await db.AuthSessions.Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        Cache(key, ticket);

        // Ended while it was being read: the sign-out marked it before deleting, so it is never served from the cache.
        if (IsEnded(key))
        {
            _cache.Remove(key);
            return null;
        }

        Remember(httpContext, key);
        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        MarkEnded(key);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
            await db.AuthSessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
        }

        _cache.Remove(key);
    }

    /// <summary>
    /// Ends every session of the account but <paramref name="keep"/> (null: all of them): a password change keeps the
    /// browser that made it; a reset or a deletion ends them all. Returns how many ended.
    /// </summary>
    public async Task<int> EndSessionsAsync(Guid userId, string? keep, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var ending = db.AuthSessions.Where(s => s.UserId == userId && (keep == null || s.Key != keep));
        var keys = await ending.Select(s => s.Key).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            MarkEnded(key);
        }

        var ended = await ending.ExecuteDeleteAsync(cancellationToken);

        // Evicted after the delete, so a read racing with it cannot put a ticket back for longer than one request.
        foreach (var key in keys)
        {
            _cache.Remove(key);
        }

        // Hub connections were authenticated when they opened: close them, so none outlives its session (the kept browser reconnects).
        connections.Close(userId);
        logger.LogInformation("Ended {Count} sessions of user {UserId}", ended, userId);
        return ended;
    }

    /// <summary>
    /// Remembers, for twice the cache's lifetime, that a session ended here: marked before its row is deleted, so a
    /// read of the row that races with the deletion cannot put the ticket back into the cache.
    /// </summary>
    private void MarkEnded(string key) =>
        _cache.Set(EndedPrefix + key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheLifetime * 2 });

    private bool IsEnded(string key) => _cache.TryGetValue(EndedPrefix + key, out _);

    /// <summary>Deletes the sessions whose time has run out (the sweep; a read of one removes it too).</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        return await db.AuthSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    public void Dispose() => _cache.Dispose();

    private void Cache(string key, AuthenticationTicket ticket) =>
        _cache.Set(key, ticket, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheLifetime });

    private static void Remember(HttpContext? httpContext, string key)
    {
        if (httpContext is not null)
        {
            httpContext.Items[CurrentKeyItem] = key;
        }
    }

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] stored)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static DateTimeOffset ExpiresAt(AuthenticationTicket ticket, DateTimeOffset now) =>
        ticket.Properties.ExpiresUtc ?? now.Add(AccountsExtensions.SessionLifetime);

    private static Guid? UserIdOf(AuthenticationTicket ticket) =>
        Guid.TryParse(ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;

    private static string WebEncoders64(byte[] bytes) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(bytes);
}
