namespace LiveShop.Server.Realtime;

/// <summary>
/// Which connections are in which show's room, and whose they are, for "viewers now", "peak" and how
/// long someone has been in the room. Viewers are people, not connections: several tabs or phones of one
/// account (or, signed out, of one browser's visitor id) count once, and a connection with neither (it
/// never loaded a page) is in the room but not counted. A room exists only for a show that exists (the hub
/// checks first) and is dropped once empty and its numbers are stored (<see cref="Forget"/>).
/// </summary>
public sealed class RoomPresence(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Room> _rooms = [];
    private readonly Dictionary<string, HashSet<Guid>> _connections = [];

    /// <summary>The key one person counts under: "u:{user id}", else "v:{visitor id}", else null (not counted).</summary>
    public static string? PersonKey(Guid? userId, Guid? visitorId) =>
        userId is { } user ? "u:" + user.ToString("N") : visitorId is { } visitor ? "v:" + visitor.ToString("N") : null;

    /// <summary>Rooms held (for tests and diagnostics).</summary>
    internal int RoomCount
    {
        get
        {
            lock (_gate)
            {
                return _rooms.Count;
            }
        }
    }

    /// <summary>Connections in at least one room.</summary>
    internal int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    public void Join(Guid showId, string connectionId, string? person)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(showId, out var room))
            {
                room = new Room();
                _rooms[showId] = room;
            }

            if (!room.Connections.TryAdd(connectionId, person))
            {
                return;
            }

            if (!_connections.TryGetValue(connectionId, out var shows))
            {
                shows = [];
                _connections[connectionId] = shows;
            }

            shows.Add(showId);
            if (person is not null)
            {
                if (room.People.TryGetValue(person, out var stay))
                {
                    stay.Connections++;
                }
                else
                {
                    room.People[person] = new Stay(clock.GetUtcNow());
                }
            }

            room.Peak = Math.Max(room.Peak, room.People.Count + room.Elsewhere);
        }
    }

    public void Leave(Guid showId, string connectionId)
    {
        lock (_gate)
        {
            LeaveLocked(showId, connectionId);
            if (_connections.TryGetValue(connectionId, out var shows) && shows.Remove(showId) && shows.Count == 0)
            {
                _connections.Remove(connectionId);
            }
        }
    }

    public void Disconnected(string connectionId)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connectionId, out var shows))
            {
                return;
            }

            foreach (var showId in shows)
            {
                LeaveLocked(showId, connectionId);
            }
        }
    }

    public bool IsIn(Guid showId, string connectionId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(showId, out var room) && room.Connections.ContainsKey(connectionId);
        }
    }

    /// <summary>People in the room now (see the class summary), on every instance.</summary>
    public int Count(Guid showId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(showId, out var room) ? room.People.Count + room.Elsewhere : 0;
        }
    }

    /// <summary>People in the room on this instance only (what it tells the others).</summary>
    public int CountHere(Guid showId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(showId, out var room) ? room.People.Count : 0;
        }
    }

    /// <summary>
    /// Sets how many people the other instances count in the show's room (<see cref="Scaleout.RoomViewerTotals"/>):
    /// <see cref="Count"/> and the peak include them. Only for a room this instance holds.
    /// </summary>
    public void SetElsewhere(Guid showId, int people)
    {
        lock (_gate)
        {
            if (_rooms.TryGetValue(showId, out var room))
            {
                room.Elsewhere = Math.Max(0, people);
                room.Peak = Math.Max(room.Peak, room.People.Count + room.Elsewhere);
            }
        }
    }

    /// <summary>The most people seen at once while the room was open on this server (the stored peak is kept by the stats loop).</summary>
    public int Peak(Guid showId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(showId, out var room) ? room.Peak : 0;
        }
    }

    /// <summary>Since when the person has been in the room without a break (null: not in it now).</summary>
    public DateTimeOffset? InRoomSince(Guid showId, string person)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(showId, out var room) && room.People.TryGetValue(person, out var stay) ? stay.Since : null;
        }
    }

    /// <summary>Every show with a room (empty ones included, until <see cref="Forget"/>).</summary>
    public IReadOnlyCollection<Guid> Shows
    {
        get
        {
            lock (_gate)
            {
                return [.. _rooms.Keys];
            }
        }
    }

    /// <summary>
    /// Drops the show's room if no connection is in it (call once its peak is stored), or in any case when
    /// <paramref name="evenIfOccupied"/> (the show does not exist). True when the room is gone.
    /// </summary>
    public bool Forget(Guid showId, bool evenIfOccupied = false)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(showId, out var room))
            {
                return true;
            }

            if (room.Connections.Count > 0 && !evenIfOccupied)
            {
                return false;
            }

            foreach (var connectionId in room.Connections.Keys)
            {
                if (_connections.TryGetValue(connectionId, out var shows) && shows.Remove(showId) && shows.Count == 0)
                {
                    _connections.Remove(connectionId);
                }
            }

            _rooms.Remove(showId);
            return true;
        }
    }

    private void LeaveLocked(Guid showId, string connectionId)
    {
        if (!_rooms.TryGetValue(showId, out var room) || !room.Connections.Remove(connectionId, out var person) || person is null)
        {
            return;
        }

        if (room.People.TryGetValue(person, out var stay) && --stay.Connections == 0)
        {
            room.People.Remove(person);
        }
    }

    private sealed class Room
    {
        public Dictionary<string, string?> Connections { get; } = [];

        public Dictionary<string, Stay> People { get; } = [];

        public int Peak { get; set; }

        /// <summary>People the other instances count in this room (0 with one instance).</summary>
        public int Elsewhere { get; set; }
    }

    private sealed class Stay(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public int Connections { get; set; } = 1;
    }
}
