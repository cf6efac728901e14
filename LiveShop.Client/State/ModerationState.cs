using LiveShop.Shared.Moderation;

namespace LiveShop.Client.State;

/// <summary>
/// What the show's staff see besides the room (which <see cref="ShowState"/> keeps, questions
/// included): the host's settings, the blocklist, messages held for review and the active timeouts
/// and bans. Loaded from <c>GetModeration</c> after every join, then kept by the staff pushes.
/// The server subscribes the caller to those pushes before it reads the state it answers with, so a
/// push may arrive before that answer and be newer than it: every change made while a load is in flight
/// (<see cref="BeginLoad"/>) is applied again over the answer, and a held message already released or
/// dropped stays so.
/// </summary>
public sealed class ModerationState
{
    private readonly Dictionary<Guid, HeldMessageDto> _held = [];
    private readonly List<Action> _sinceLoad = [];
    private List<RestrictionDto> _restrictions = [];
    private int _loads;

    /// <summary>A <c>GetModeration</c> call in flight: where its answer starts replaying the changes made meanwhile.</summary>
    public readonly record struct LoadTicket(int Since);

    /// <summary>True once the server answered <c>GetModeration</c> for this show.</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>The server's sentence when it refused the caller (not one of the show's staff).</summary>
    public string? Refusal { get; private set; }

    /// <summary>The caller is the show's host: they change the settings and the moderators.</summary>
    public bool IsHost { get; private set; }

    public bool QuestionsNeedApproval { get; private set; }

    public bool AllowGlobalModerators { get; private set; }

    public IReadOnlyList<string> Blocklist { get; private set; } = [];

    /// <summary>Messages waiting for a moderator, oldest first.</summary>
    public IReadOnlyList<HeldMessageDto> Held => [.. _held.Values.Where(h => h.Status == HeldMessageStatus.Held).OrderBy(h => h.HeldAt)];

    /// <summary>
    /// Timeouts and bans as last told, the latest first. The server sends nothing when a timeout runs
    /// out: <see cref="ActiveAt(DateTimeOffset)"/> leaves those out.
    /// </summary>
    public IReadOnlyList<RestrictionDto> Restrictions => _restrictions;

    /// <summary>The bans, and the timeouts still running at <paramref name="serverNow"/> (the server's clock), the latest first.</summary>
    public IReadOnlyList<RestrictionDto> ActiveAt(DateTimeOffset serverNow) => ActiveAt(_restrictions, serverNow);

    /// <summary>The bans and the timeouts of <paramref name="restrictions"/> still running at <paramref name="serverNow"/>.</summary>
    public static IReadOnlyList<RestrictionDto> ActiveAt(IEnumerable<RestrictionDto> restrictions, DateTimeOffset serverNow) =>
        [.. restrictions.Where(r => IsActive(r, serverNow))];

    /// <summary>A ban lasts until lifted; a timeout until its <see cref="RestrictionDto.Until"/> (by the server's clock).</summary>
    public static bool IsActive(RestrictionDto restriction, DateTimeOffset serverNow) =>
        restriction.Kind != RestrictionKind.Timeout || restriction.Until is not { } until || until > serverNow;

    public event Action? Changed;

    /// <summary>
    /// Call before asking for the state: the changes from now until <see cref="Load(ModerationStateDto, LoadTicket)"/>
    /// (pushes, the answers to the caller's own actions) are applied again over the answer.
    /// </summary>
    public LoadTicket BeginLoad()
    {
        _loads++;
        return new LoadTicket(_sinceLoad.Count);
    }

    /// <summary>The state the server answered with, and whatever changed since the call started over it.</summary>
    public void Load(ModerationStateDto state, LoadTicket ticket)
    {
        IsLoaded = true;
        Refusal = null;
        IsHost = state.IsHost;
        QuestionsNeedApproval = state.QuestionsNeedApproval;
        AllowGlobalModerators = state.AllowGlobalModerators;
        Blocklist = [.. state.Blocklist];

        // A decision is final: a message already released or dropped is not held again by an older read.
        var decided = _held.Values.Where(h => h.Status != HeldMessageStatus.Held).ToList();
        _held.Clear();
        foreach (var held in state.Held)
        {
            _held[held.Id] = held;
        }

        foreach (var held in decided)
        {
            _held[held.Id] = held;
        }

        SetRestrictions(state.Restrictions);
        foreach (var change in _sinceLoad.Skip(ticket.Since).ToList())
        {
            change();
        }

        EndLoad();
        Changed?.Invoke();
    }

    /// <summary>The desk's state from the server, with no call in flight to merge (its questions go to the <see cref="ShowState"/>).</summary>
    public void Load(ModerationStateDto state) => Load(state, BeginLoad());

    /// <summary>A call begun with <see cref="BeginLoad"/> failed: nothing to merge.</summary>
    public void EndLoad()
    {
        if (--_loads <= 0)
        {
            _loads = 0;
            _sinceLoad.Clear();
        }
    }

    /// <summary>The server refused the desk: the page says so instead of the controls.</summary>
    public void Refuse(string sentence)
    {
        IsLoaded = false;
        Refusal = sentence;
        Changed?.Invoke();
    }

    /// <summary>A held message was held, released or dropped. A decision is final: a late "held" never brings it back.</summary>
    public void ApplyHeld(HeldMessageDto held) => Change(() =>
    {
        if (!_held.TryGetValue(held.Id, out var known) || known.Status == HeldMessageStatus.Held)
        {
            _held[held.Id] = held;
        }
    });

    /// <summary>The full list of timeouts and bans (a push).</summary>
    public void ApplyRestrictions(IReadOnlyList<RestrictionDto> restrictions) => Change(() => SetRestrictions(restrictions));

    /// <summary>One restriction the caller just set (the full list follows as a push).</summary>
    public void ApplyRestriction(RestrictionDto restriction) =>
        Change(() => SetRestrictions([restriction, .. _restrictions.Where(r => r.UserId != restriction.UserId)]));

    /// <summary>The caller lifted a user's restriction.</summary>
    public void RemoveRestriction(Guid userId) => Change(() => SetRestrictions([.. _restrictions.Where(r => r.UserId != userId)]));

    public void ApplyBlocklist(IReadOnlyList<string> words) => Change(() => Blocklist = [.. words]);

    public void ApplySettings(ModerationSettingsDto settings) => Change(() =>
    {
        QuestionsNeedApproval = settings.QuestionsNeedApproval;
        AllowGlobalModerators = settings.AllowGlobalModerators;
    });

    /// <summary>Makes a change now, and again over the answer of every load in flight.</summary>
    private void Change(Action change)
    {
        if (_loads > 0)
        {
            _sinceLoad.Add(change);
        }

        change();
        Changed?.Invoke();
    }

    private void SetRestrictions(IEnumerable<RestrictionDto> restrictions) =>
        _restrictions = [.. restrictions.OrderByDescending(r => r.At)];
}
