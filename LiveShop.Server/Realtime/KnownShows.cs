using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Realtime;

/// <summary>
/// Which show ids exist, checked before the live room creates anything for an id (a group, a presence
/// entry, a lock). Shows are never deleted, so an id once found stays known; ids that were not found are
/// not remembered (each costs one primary-key read), so random ids cannot grow this. At most
/// <see cref="Capacity"/> ids are kept; past that the database answers.
/// </summary>
public sealed class KnownShows
{
    internal const int Capacity = 20_000;

    private readonly HashSet<Guid> _known = [];
    private readonly Lock _gate = new();

    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _known.Count;
            }
        }
    }

    public async ValueTask<bool> ExistsAsync(LiveShopDbContext db, Guid showId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_known.Contains(showId))
            {
                return true;
            }
        }

        if (!await db.Shows.AsNoTracking().AnyAsync(s => s.Id == showId, cancellationToken))
        {
            return false;
        }

        lock (_gate)
        {
            if (_known.Count < Capacity)
            {
                _known.Add(showId);
            }
        }

        return true;
    }

    /// <summary>Refuses (show-not-found) an id that is not a show.</summary>
    public async ValueTask RequireAsync(LiveShopDbContext db, Guid showId, CancellationToken cancellationToken = default)
    {
        if (!await ExistsAsync(db, showId, cancellationToken))
        {
            throw DomainException.ShowNotFound();
        }
    }
}
