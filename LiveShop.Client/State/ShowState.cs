using LiveShop.Shared.Shows;

namespace LiveShop.Client.State;

/// <summary>
/// What a page knows about one show. Status only moves forward (Scheduled → Live → Ended), so a
/// late or repeated push never takes the page back.
/// </summary>
public sealed class ShowState
{
    public ShowDetailDto? Show { get; private set; }

    public ShowStatus Status { get; private set; }

    public DateTimeOffset? WentLiveAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Server time minus device time at the last message, for countdowns and "live for" clocks.</summary>
    public TimeSpan ClockOffset { get; private set; }

    public event Action? Changed;

    public void Load(ShowDetailDto show)
    {
        Show = show;
        Status = show.Status;
        WentLiveAt = show.WentLiveAt;
        EndedAt = show.EndedAt;
        Changed?.Invoke();
    }

    /// <summary>Applies a status push or join answer. Returns false when it changes nothing (stale or duplicate).</summary>
    public bool ApplyStatus(ShowStatusChangedDto change, DateTimeOffset deviceNow)
    {
        if (Show is null || change.ShowId != Show.Id)
        {
            return false;
        }

        ClockOffset = change.ServerTime - deviceNow;
        if (Rank(change.Status) < Rank(Status))
        {
            return false;
        }

        var wentLiveAt = change.WentLiveAt ?? WentLiveAt;
        var endedAt = change.EndedAt ?? EndedAt;
        if (change.Status == Status && wentLiveAt == WentLiveAt && endedAt == EndedAt)
        {
            return false;
        }

        Status = change.Status;
        WentLiveAt = wentLiveAt;
        EndedAt = endedAt;
        Changed?.Invoke();
        return true;
    }

    private static int Rank(ShowStatus status) => status switch
    {
        ShowStatus.Scheduled => 0,
        ShowStatus.Live => 1,
        ShowStatus.Ended => 2,
    };
}
