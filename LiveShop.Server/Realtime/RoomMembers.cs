using System.Collections.Concurrent;

namespace LiveShop.Server.Realtime;

/// <summary>
/// A connection in a show's room as the engine sends to it: who it is (for the chat lines always sent to
/// them: their own, and lines that mention their name) and whether it sees every chat line (the show's
/// host and staff).
/// </summary>
public sealed class RoomMember(string connectionId, Guid? userId, string? name, RoomConnection? connection)
{
    public string ConnectionId { get; } = connectionId;

    public Guid? UserId { get; } = userId;

    /// <summary>The name others mention with "@name", or null.</summary>
    public string? Name { get; } = string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    public RoomConnection? Connection { get; } = connection;

    /// <summary>The show's host, co-host or a moderator: every chat line reaches them.</summary>
    public bool SeesAllChat { get; set; }
}

/// <summary>Who is in each show's room on this instance, as the broadcaster needs it.</summary>
public sealed class RoomMembers
{
    private readonly RoomConnections _connections;

    public RoomMembers(RoomConnections connections, Features.Common.LiveShopMetrics? metrics = null)
    {
        _connections = connections;
        metrics?.Meter.CreateObservableGauge(
            "liveshop.hub.connections",
            () => _rooms.Select(r => new System.Diagnostics.Metrics.Measurement<int>(r.Value.Count, new KeyValuePair<string, object?>("show.id", r.Key))),
            "{connection}",
            "Connections in each show's room on this instance.");
    }

    private readonly ConcurrentDictionary<Guid, Room> _rooms = new();
    // The shows each connection is in (almost always one): a small list, not a dictionary per connection.
    private readonly Lock _showsGate = new();
    private readonly Dictionary<string, List<Guid>> _showsOf = [];

    public RoomMember Join(Guid showId, string connectionId, Guid? userId, string? name, bool seesAllChat)
    {
        var member = new RoomMember(connectionId, userId, name, _connections.Find(connectionId)) { SeesAllChat = seesAllChat };
        _rooms.GetOrAdd(showId, _ => new Room()).Add(member);
        lock (_showsGate)
        {
            if (!_showsOf.TryGetValue(connectionId, out var shows))
            {
                _showsOf[connectionId] = shows = new List<Guid>(1);
            }

            if (!shows.Contains(showId))
            {
                shows.Add(showId);
            }
        }

        return member;
    }

    /// <summary>Marks a member as seeing every chat line (it opened the moderation desk).</summary>
    public void SeeAllChat(Guid showId, string connectionId)
    {
        if (Find(showId, connectionId) is { } member)
        {
            member.SeesAllChat = true;
        }
    }

    public void Leave(Guid showId, string connectionId)
    {
        if (_rooms.TryGetValue(showId, out var room))
        {
            room.Remove(connectionId);
            if (room.IsEmpty)
            {
                _rooms.TryRemove(new KeyValuePair<Guid, Room>(showId, room));
            }
        }

        lock (_showsGate)
        {
            if (_showsOf.TryGetValue(connectionId, out var shows) && shows.Remove(showId) && shows.Count == 0)
            {
                _showsOf.Remove(connectionId);
            }
        }
    }

    public void Disconnected(string connectionId)
    {
        List<Guid>? shows;
        lock (_showsGate)
        {
            _showsOf.Remove(connectionId, out shows);
        }

        foreach (var showId in shows ?? [])
        {
            Leave(showId, connectionId);
        }
    }

    /// <summary>The member for a connection in a show's room, or null.</summary>
    public RoomMember? Find(Guid showId, string connectionId) => _rooms.TryGetValue(showId, out var room) ? room.Find(connectionId) : null;

    /// <summary>Shows with at least one connection in their room on this instance.</summary>
    public IReadOnlyCollection<Guid> Shows => [.. _rooms.Keys];

    public int Count(Guid showId) => _rooms.TryGetValue(showId, out var room) ? room.Count : 0;

    public IReadOnlyList<RoomMember> In(Guid showId) => _rooms.TryGetValue(showId, out var room) ? room.All() : [];

    /// <summary>Members whose name the text mentions ("@name", case-insensitive; a name may have spaces).</summary>
    public IReadOnlyList<RoomMember> MentionedIn(Guid showId, string text)
    {
        if (!_rooms.TryGetValue(showId, out var room) || !text.Contains('@'))
        {
            return [];
        }

        List<RoomMember> found = [];
        for (var at = text.IndexOf('@'); at >= 0; at = text.IndexOf('@', at + 1))
        {
            // "@Mei Lin thanks": try "Mei", "Mei Lin", "Mei Lin thanks" … up to four words.
            var end = at + 1;
            for (var words = 0; words < 4 && end < text.Length; words++)
            {
                var space = text.IndexOf(' ', end + 1);
                end = space < 0 ? text.Length : space;
                var candidate = text[(at + 1)..end].TrimEnd(',', '.', '!', '?', ':', '，', '。', '！', '？', '：');
                found.AddRange(room.Named(candidate));
            }
        }

        return found;
    }

    private sealed class Room
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, RoomMember> _members = [];
        private readonly Dictionary<string, List<RoomMember>> _byName = new(StringComparer.OrdinalIgnoreCase);
        private RoomMember[]? _all;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _members.Count;
                }
            }
        }

        public bool IsEmpty => Count == 0;

        public void Add(RoomMember member)
        {
            lock (_gate)
            {
                if (_members.Remove(member.ConnectionId, out var old))
                {
                    Unname(old);
                }

                _members[member.ConnectionId] = member;
                if (member.Name is { } name)
                {
                    if (!_byName.TryGetValue(name, out var list))
                    {
                        _byName[name] = list = [];
                    }

                    list.Add(member);
                }

                _all = null;
            }
        }

        public void Remove(string connectionId)
        {
            lock (_gate)
            {
                if (_members.Remove(connectionId, out var old))
                {
                    Unname(old);
                    _all = null;
                }
            }
        }

        public RoomMember? Find(string connectionId)
        {
            lock (_gate)
            {
                return _members.GetValueOrDefault(connectionId);
            }
        }

        /// <summary>Everyone, as an array reused until someone comes or goes (the broadcaster reads it every frame).</summary>
        public RoomMember[] All()
        {
            lock (_gate)
            {
                return _all ??= [.. _members.Values];
            }
        }

        public IReadOnlyList<RoomMember> Named(string name)
        {
            lock (_gate)
            {
                return _byName.TryGetValue(name, out var list) ? [.. list] : [];
            }
        }

        private void Unname(RoomMember member)
        {
            if (member.Name is { } name && _byName.TryGetValue(name, out var list))
            {
                list.Remove(member);
                if (list.Count == 0)
                {
                    _byName.Remove(name);
                }
            }
        }
    }
}
