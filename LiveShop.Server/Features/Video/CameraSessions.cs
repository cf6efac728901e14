using LiveShop.Server.Realtime;
using LiveShop.Shared.Video;

namespace LiveShop.Server.Features.Video;

/// <summary>
/// Who is the camera of which show, and which viewers asked for it: the state the camera relay checks
/// every signalling message against. In memory, per server process (like <see cref="Live.RoomPresence"/>):
/// on several servers, a host and its viewers must reach the same one (sticky sessions), see docs/camera.md.
/// </summary>
public sealed class CameraSessions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Camera> _cameras = [];

    /// <summary>ICE candidates relayed per viewer session (both directions together) before the rest are refused: a few dozen is plenty.</summary>
    public const int CandidateBudget = 100;

    /// <summary>Where a viewer's session stands: asked, offered (waiting for the answer), answered.</summary>
    public enum Stage
    {
        Requested,
        Offered,
        Answered,
    }

    /// <summary>What <see cref="Request"/> decided.</summary>
    public enum Outcome
    {
        Accepted,
        NotStarted,
        CapReached,
        IsTheCamera,
    }

    /// <summary>The show's camera now runs from <paramref name="connectionId"/>; every earlier session is dropped (its viewers are asked to request again).</summary>
    /// <returns>The connection that was the camera before, if another one; and the new counts.</returns>
    public (string? Replaced, CameraViewersDto Viewers) Start(Guid showId, string connectionId, int cap)
    {
        lock (_gate)
        {
            _cameras.TryGetValue(showId, out var previous);
            var camera = new Camera(connectionId, cap);
            _cameras[showId] = camera;
            return (previous?.Host is { } host && host != connectionId ? host : null, camera.Snapshot(showId));
        }
    }

    /// <summary>Stops the show's camera if <paramref name="connectionId"/> is it; returns the viewers it served (null: it was not the camera).</summary>
    public IReadOnlyList<string>? Stop(Guid showId, string connectionId)
    {
        lock (_gate)
        {
            if (!_cameras.TryGetValue(showId, out var camera) || camera.Host != connectionId)
            {
                return null;
            }

            _cameras.Remove(showId);
            return [.. camera.Viewers.Keys];
        }
    }

    /// <summary>A viewer asks for the camera (again: its earlier session is replaced, keeping its place).</summary>
    public (Outcome Outcome, string? Host, CameraViewersDto? Viewers) Request(Guid showId, string viewerConnectionId)
    {
        lock (_gate)
        {
            if (!_cameras.TryGetValue(showId, out var camera))
            {
                return (Outcome.NotStarted, null, null);
            }

            if (camera.Host == viewerConnectionId)
            {
                return (Outcome.IsTheCamera, camera.Host, null);
            }

            if (!camera.Viewers.ContainsKey(viewerConnectionId) && camera.Viewers.Count >= camera.Cap)
            {
                camera.Refused++;
                return (Outcome.CapReached, camera.Host, camera.Snapshot(showId));
            }

            camera.Viewers[viewerConnectionId] = Stage.Requested;
            camera.Candidates[viewerConnectionId] = 0;
            return (Outcome.Accepted, camera.Host, camera.Snapshot(showId));
        }
    }

    /// <summary>The show's camera connection, if it runs.</summary>
    public string? CameraOf(Guid showId)
    {
        lock (_gate)
        {
            return _cameras.TryGetValue(showId, out var camera) ? camera.Host : null;
        }
    }

    /// <summary>The viewer's stage in the show's camera session, or null when it has none.</summary>
    public Stage? StageOf(Guid showId, string viewerConnectionId)
    {
        lock (_gate)
        {
            return _cameras.TryGetValue(showId, out var camera) && camera.Viewers.TryGetValue(viewerConnectionId, out var stage) ? stage : null;
        }
    }

    /// <summary>Moves a viewer's session on, if the camera is still <paramref name="host"/> and the viewer still has a session.</summary>
    public bool Advance(Guid showId, string host, string viewerConnectionId, Stage stage)
    {
        lock (_gate)
        {
            if (!_cameras.TryGetValue(showId, out var camera) || camera.Host != host || !camera.Viewers.ContainsKey(viewerConnectionId))
            {
                return false;
            }

            camera.Viewers[viewerConnectionId] = stage;
            return true;
        }
    }

    /// <summary>Counts one candidate of the viewer's session; false once the session has used its <see cref="CandidateBudget"/>.</summary>
    public bool SpendCandidate(Guid showId, string viewerConnectionId)
    {
        lock (_gate)
        {
            if (!_cameras.TryGetValue(showId, out var camera) || !camera.Candidates.TryGetValue(viewerConnectionId, out var spent) || spent >= CandidateBudget)
            {
                return false;
            }

            camera.Candidates[viewerConnectionId] = spent + 1;
            return true;
        }
    }

    /// <summary>
    /// The connection left the show (or every show, <paramref name="showId"/> null): a camera stops, a
    /// viewer frees its place. Returns what the others must be told.
    /// </summary>
    public IReadOnlyList<Departure> Leave(string connectionId, Guid? showId = null)
    {
        var departures = new List<Departure>();
        lock (_gate)
        {
            foreach (var (id, camera) in _cameras.Where(c => showId is null || c.Key == showId).ToList())
            {
                if (camera.Host == connectionId)
                {
                    _cameras.Remove(id);
                    departures.Add(new Departure(id, null, [.. camera.Viewers.Keys], null));
                }
                else if (camera.Viewers.Remove(connectionId))
                {
                    camera.Candidates.Remove(connectionId);
                    departures.Add(new Departure(id, camera.Host, [], camera.Snapshot(id)));
                }
            }
        }

        return departures;
    }

    /// <summary>
    /// What a departure means: a camera that stopped (<see cref="PausedViewers"/> to tell), or a viewer
    /// that left its <see cref="Host"/> (close the peer, new counts).
    /// </summary>
    public sealed record Departure(Guid ShowId, string? Host, IReadOnlyList<string> PausedViewers, CameraViewersDto? Viewers);

    private sealed class Camera(string host, int cap)
    {
        public string Host { get; } = host;

        public int Cap { get; } = cap;

        public Dictionary<string, Stage> Viewers { get; } = [];

        public Dictionary<string, int> Candidates { get; } = [];

        public int Refused { get; set; }

        public CameraViewersDto Snapshot(Guid showId) => new(showId, Viewers.Count, Cap, Refused);
    }
}
