using LiveShop.Server.Realtime;
using LiveShop.Shared.Video;

namespace LiveShop.Server.Features.Video;

/// <summary>Where a viewer's camera session stands: asked, offered (waiting for the answer), answered.</summary>
public enum CameraStage
{
    Requested,
    Offered,
    Answered,
}

/// <summary>What a viewer's request for the camera came to.</summary>
public enum CameraRequestOutcome
{
    Accepted,
    NotStarted,
    CapReached,
    IsTheCamera,
}

/// <summary>
/// A viewer's request: its outcome, the camera's connection, the new counts, and viewers whose places were freed
/// because their instance is gone (the camera is told they left).
/// </summary>
public sealed record CameraRequest(CameraRequestOutcome Outcome, string? Host, CameraViewersDto? Viewers, IReadOnlyList<string> Freed);

/// <summary>
/// What a departure means: a camera that stopped (<see cref="PausedViewers"/> to tell), or a viewer
/// that left its <see cref="Host"/> (close the peer, new counts).
/// </summary>
public sealed record CameraDeparture(Guid ShowId, string? Host, IReadOnlyList<string> PausedViewers, CameraViewersDto? Viewers);

/// <summary>
/// Who is the camera of which show, and which viewers asked for it: the state the camera relay checks every
/// signalling message against. One process: <see cref="CameraSessions"/> (memory). Several instances:
/// <see cref="SharedCameraSessions"/> (a Redis hash per show), so a viewer on any instance reaches the host's camera
/// on another; the messages themselves go to the named connection through SignalR's backplane.
/// </summary>
public interface ICameraSessions
{
    /// <summary>ICE candidates relayed per viewer session (both directions together) before the rest are refused: a few dozen is plenty.</summary>
    public const int CandidateBudget = 100;

    /// <summary>The show's camera now runs from <paramref name="connectionId"/>; every earlier session is dropped (its viewers are asked to request again).</summary>
    /// <returns>The connection that was the camera before, if another one; and the new counts.</returns>
    ValueTask<(string? Replaced, CameraViewersDto Viewers)> StartAsync(Guid showId, string connectionId, int cap);

    /// <summary>Stops the show's camera if <paramref name="connectionId"/> is it; returns the viewers it served (null: it was not the camera).</summary>
    ValueTask<IReadOnlyList<string>?> StopAsync(Guid showId, string connectionId);

    /// <summary>A viewer asks for the camera (again: its earlier session is replaced, keeping its place).</summary>
    ValueTask<CameraRequest> RequestAsync(Guid showId, string viewerConnectionId);

    /// <summary>The show's camera connection, if it runs.</summary>
    ValueTask<string?> CameraOfAsync(Guid showId);

    /// <summary>The viewer's stage in the show's camera session, or null when it has none.</summary>
    ValueTask<CameraStage?> StageOfAsync(Guid showId, string viewerConnectionId);

    /// <summary>Moves a viewer's session on, if the camera is still <paramref name="host"/> and the viewer still has a session.</summary>
    ValueTask<bool> AdvanceAsync(Guid showId, string host, string viewerConnectionId, CameraStage stage);

    /// <summary>Counts one candidate of the viewer's session; false once the session has used its <see cref="CandidateBudget"/>.</summary>
    ValueTask<bool> SpendCandidateAsync(Guid showId, string viewerConnectionId);

    /// <summary>
    /// The connection left the show (or every show, <paramref name="showId"/> null): a camera stops, a
    /// viewer frees its place. Returns what the others must be told.
    /// </summary>
    ValueTask<IReadOnlyList<CameraDeparture>> LeaveAsync(string connectionId, Guid? showId = null);
}

/// <summary>The camera sessions of one process, in memory (like <see cref="RoomPresence"/>): the embedded default.</summary>
public sealed class CameraSessions : ICameraSessions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Camera> _cameras = [];

    public ValueTask<(string? Replaced, CameraViewersDto Viewers)> StartAsync(Guid showId, string connectionId, int cap)
    {
        lock (_gate)
        {
            _cameras.TryGetValue(showId, out var previous);
            var camera = new Camera(connectionId, cap);
            _cameras[showId] = camera;
            return ValueTask.FromResult((previous?.Host is { } host && host != connectionId ? host : null, camera.Snapshot(showId)));
        }
    }

    public ValueTask<IReadOnlyList<string>?> StopAsync(Guid showId, string connectionId)
    {
        lock (_gate)
        {
            if (!_cameras.TryGetValue(showId, out var camera) || camera.Host != connectionId)
            {
                return ValueTask.FromResult<IReadOnlyList<string>?>(null);
            }

            _cameras.Remove(showId);
            return ValueTask.FromResult<IReadOnlyList<string>?>([.. camera.Viewers.Keys]);
        }
    }

    public ValueTask<CameraRequest> RequestAsync(Guid showId, string viewerConnectionId)
    {
        lock (_gate)
        {
            if (!_cameras.TryGetValue(showId, out var camera))
            {
                return ValueTask.FromResult(new CameraRequest(CameraRequestOutcome.NotStarted, null, null, []));
            }

            if (camera.Host == viewerConnectionId)
            {
                return ValueTask.FromResult(new CameraRequest(CameraRequestOutcome.IsTheCamera, camera.Host, null, []));
            }

            if (!camera.Viewers.ContainsKey(viewerConnectionId) && camera.Viewers.Count >= camera.Cap)
            {
                camera.Refused++;
                return ValueTask.FromResult(new CameraRequest(CameraRequestOutcome.CapReached, camera.Host, camera.Snapshot(showId), []));
            }

            camera.Viewers[viewerConnectionId] = CameraStage.Requested;
            camera.Candidates[viewerConnectionId] = 0;
            return ValueTask.FromResult(new CameraRequest(CameraRequestOutcome.Accepted, camera.Host, camera.Snapshot(showId), []));
        }
    }

    public ValueTask<string?> CameraOfAsync(Guid showId)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_cameras.TryGetValue(showId, out var camera) ? camera.Host : null);
        }
    }

    public ValueTask<CameraStage?> StageOfAsync(Guid showId, string viewerConnectionId)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<CameraStage?>(
                _cameras.TryGetValue(showId, out var camera) && camera.Viewers.TryGetValue(viewerConnectionId, out var stage) ? stage : null);
        }
    }

    public ValueTask<bool> AdvanceAsync(Guid showId, string host, string viewerConnectionId, CameraStage stage)
    {
        lock (_gate)
        {
            if (!_cameras.TryGetValue(showId, out var camera) || camera.Host != host || !camera.Viewers.ContainsKey(viewerConnectionId))
            {
                return ValueTask.FromResult(false);
            }

            camera.Viewers[viewerConnectionId] = stage;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<bool> SpendCandidateAsync(Guid showId, string viewerConnectionId)
    {
        lock (_gate)
        {
            if (!_cameras.TryGetValue(showId, out var camera) || !camera.Candidates.TryGetValue(viewerConnectionId, out var spent)
                || spent >= ICameraSessions.CandidateBudget)
            {
                return ValueTask.FromResult(false);
            }

            camera.Candidates[viewerConnectionId] = spent + 1;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<IReadOnlyList<CameraDeparture>> LeaveAsync(string connectionId, Guid? showId = null)
    {
        var departures = new List<CameraDeparture>();
        lock (_gate)
        {
            foreach (var (id, camera) in _cameras.Where(c => showId is null || c.Key == showId).ToList())
            {
                if (camera.Host == connectionId)
                {
                    _cameras.Remove(id);
                    departures.Add(new CameraDeparture(id, null, [.. camera.Viewers.Keys], null));
                }
                else if (camera.Viewers.Remove(connectionId))
                {
                    camera.Candidates.Remove(connectionId);
                    departures.Add(new CameraDeparture(id, camera.Host, [], camera.Snapshot(id)));
                }
            }
        }

        return ValueTask.FromResult<IReadOnlyList<CameraDeparture>>(departures);
    }

    private sealed class Camera(string host, int cap)
    {
        public string Host { get; } = host;

        public int Cap { get; } = cap;

        public Dictionary<string, CameraStage> Viewers { get; } = [];

        public Dictionary<string, int> Candidates { get; } = [];

        public int Refused { get; set; }

        public CameraViewersDto Snapshot(Guid showId) => new(showId, Viewers.Count, Cap, Refused);
    }
}
