using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Video.Acs;

/// <summary>
/// Hands a caller what they need to join a show's ACS Room: makes (or reuses) the show's Room with
/// its host as Presenter, makes (or reuses) the caller's ACS identity and issues a short-lived voip
/// token. The host and co-host join as Presenter (before and during the show); viewers — signed in,
/// guests and anonymous browsers alike, as they may watch any other source — join as Consumer
/// (receive only) once the show is live, added to the Room on each request.
/// </summary>
public sealed class AcsSessions(LiveShopDbContext db, IAcsClient acs, AcsLocks locks, IOptions<AcsOptions> options, TimeProvider time)
{
    /// <summary>The token scope: calling. Chat stays on our hub (ACS chat caps at 250).</summary>
    public static readonly IReadOnlyList<string> Scopes = ["voip"];

    /// <summary>Token lifetime: the shortest ACS allows (60–1440 minutes); the browser asks again before it runs out.</summary>
    public const int TokenMinutes = 60;

    /// <summary>How long after the scheduled start (or now, if later) a new Room stays open.</summary>
    public static readonly TimeSpan RoomLifetime = TimeSpan.FromHours(12);

    public async Task<AcsSessionDto> StartAsync(ClaimsPrincipal caller, HttpContext http, Guid showId, CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsConfigured)
        {
            throw DomainException.Conflict(ProblemCodes.VideoSourceUnavailable, "Azure Communication Services is not set up on this server (Acs:ConnectionString).");
        }

        var show = await db.Shows.AsNoTracking().Where(s => s.Id == showId)
            .Select(s => new { s.HostId, s.CoHostId, s.Status, s.VideoKind, s.ScheduledStart })
            .SingleOrDefaultAsync(cancellationToken) ?? throw DomainException.ShowNotFound();
        if (show.VideoKind != VideoSourceKind.Acs)
        {
            throw DomainException.Conflict(ProblemCodes.VideoNotAcs, "This show's video does not come through Azure Communication Services.");
        }

        if (show.Status == ShowStatus.Ended)
        {
            throw DomainException.Conflict(ProblemCodes.ShowEnded, "This show has ended; its video room is closed.");
        }

        var userId = caller.FindUserId();
        var presents = userId is { } id && (id == show.HostId || id == show.CoHostId);
        if (!presents && show.Status != ShowStatus.Live)
        {
            throw DomainException.Conflict(ProblemCodes.ShowNotLive, "The video starts when the host goes live. Stay on this page.");
        }

        var subject = userId is { } user ? AcsIdentity.ForUser(user) : AcsIdentity.ForVisitor(VisitorCookie.Ensure(http));
        var role = presents ? AcsRoomRole.Presenter : AcsRoomRole.Consumer;

        var (acsUserId, token) = await IdentityWithTokenAsync(subject, cancellationToken);
        var (roomId, hostAcsUserId) = await EnsureRoomAsync(showId, show.HostId, show.ScheduledStart, cancellationToken);
        if (acsUserId != hostAcsUserId)
        {
            // The host is in the Room from its creation; everyone else is added (an upsert: asking again is harmless).
            await acs.UpsertParticipantsAsync(roomId, new Dictionary<string, AcsRoomRole> { [acsUserId] = role }, cancellationToken);
        }

        return new AcsSessionDto(roomId, acsUserId, token.Token, token.ExpiresOn, role.ToString());
    }

    private async Task<(string AcsUserId, AcsToken Token)> IdentityWithTokenAsync(string subject, CancellationToken cancellationToken)
    {
        using (await locks.IdentityAsync(subject, cancellationToken))
        {
            var known = await db.Set<AcsIdentity>().AsNoTracking().SingleOrDefaultAsync(i => i.Subject == subject, cancellationToken);
            if (known is not null)
            {
                return (known.AcsUserId, await acs.IssueTokenAsync(known.AcsUserId, Scopes, TokenMinutes, cancellationToken));
            }

            var (acsUserId, token) = await acs.CreateIdentityAsync(Scopes, TokenMinutes, cancellationToken);
            db.Add(new AcsIdentity(subject, acsUserId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return (acsUserId, token!);
        }
    }

    /// <summary>The host's ACS identity, made without a token when the host has none yet.</summary>
    private async Task<string> IdentityAsync(string subject, CancellationToken cancellationToken)
    {
        using (await locks.IdentityAsync(subject, cancellationToken))
        {
            var known = await db.Set<AcsIdentity>().AsNoTracking().SingleOrDefaultAsync(i => i.Subject == subject, cancellationToken);
            if (known is not null)
            {
                return known.AcsUserId;
            }

            var (acsUserId, _) = await acs.CreateIdentityAsync([], TokenMinutes, cancellationToken);
            db.Add(new AcsIdentity(subject, acsUserId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return acsUserId;
        }
    }

    private async Task<(string RoomId, string HostAcsUserId)> EnsureRoomAsync(Guid showId, Guid hostId, DateTimeOffset scheduledStart, CancellationToken cancellationToken)
    {
        using (await locks.RoomAsync(showId, cancellationToken))
        {
            var now = time.GetUtcNow();
            var hostAcsUserId = await IdentityAsync(AcsIdentity.ForUser(hostId), cancellationToken);
            var room = await db.Set<AcsRoom>().SingleOrDefaultAsync(r => r.ShowId == showId, cancellationToken);
            if (room is not null && room.IsOpenAt(now))
            {
                return (room.RoomId, hostAcsUserId);
            }

            var validUntil = (scheduledStart > now ? scheduledStart : now) + RoomLifetime;
            var roomId = await acs.CreateRoomAsync(now, validUntil, new Dictionary<string, AcsRoomRole> { [hostAcsUserId] = AcsRoomRole.Presenter }, cancellationToken);
            if (room is null)
            {
                db.Add(new AcsRoom(showId, roomId, validUntil, now));
            }
            else
            {
                room.Replace(roomId, validUntil, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return (roomId, hostAcsUserId);
        }
    }
}

/// <summary>
/// Keeps two requests from making two Rooms for one show, or two identities for one person, on this
/// server: striped locks, rooms always taken before identities (so they cannot deadlock).
/// </summary>
public sealed class AcsLocks
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _rooms = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly SemaphoreSlim[] _identities = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    public Task<IDisposable> RoomAsync(Guid showId, CancellationToken cancellationToken) => TakeAsync(_rooms[(showId.GetHashCode() & int.MaxValue) % Stripes], cancellationToken);

    public Task<IDisposable> IdentityAsync(string subject, CancellationToken cancellationToken) =>
        TakeAsync(_identities[(StringComparer.Ordinal.GetHashCode(subject) & int.MaxValue) % Stripes], cancellationToken);

    private static async Task<IDisposable> TakeAsync(SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
