using LiveShop.Client.Components.Moderation;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Pages;

/// <summary>
/// A live page for the show's staff (the moderator desk, the host console): after every join it asks
/// for the moderation state, which also subscribes the connection to the staff pushes, and keeps it
/// with them. The actions run over the hub with immediate feedback: the item shows a spinner while the
/// server decides, success applies the server's answer, a refusal is the server's sentence in a snackbar.
/// </summary>
public abstract class StaffShowPage : LiveShowPage
{
    private readonly HashSet<Guid> _busy = [];

    protected ModerationState Moderation { get; } = new();

    /// <summary>The staff screens' text (the console's and the desk's markup use it too).</summary>
    [Inject] protected IStringLocalizer<HostText> T { get; set; } = default!;

    /// <summary>Questions, chat lines, held messages and users with an action in flight.</summary>
    protected IReadOnlySet<Guid> Busy => _busy;

    /// <summary>The setting (slow mode, blocklist, announcement) being saved, if any.</summary>
    protected string? SavingSetting { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Live.HeldMessageUpdated += OnHeldAsync;
        Live.RestrictionsChanged += OnRestrictionsAsync;
        Live.BlocklistChanged += OnBlocklistAsync;
        await base.OnInitializedAsync();
    }

    protected override async Task OnRoomJoinedAsync()
    {
        // The server subscribes this connection to the staff pushes before it reads the state, so pushes may
        // come before the answer: those are applied again over it (questions merge by version anyway).
        var ticket = Moderation.BeginLoad();
        var loaded = false;
        try
        {
            var state = await Live.GetModerationAsync();
            await InvokeAsync(() =>
            {
                loaded = true;
                Moderation.Load(state, ticket);
                State.ApplyQuestions(state.Questions);
                StateHasChanged();
            });
        }
        catch (HubException e)
        {
            await InvokeAsync(() =>
            {
                Moderation.Refuse(HubErrors.Sentence(e));
                StateHasChanged();
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The link dropped mid-call: the rejoin after the reconnect asks again.
            Snackbar.Add(T["The moderation tools could not be loaded yet: reconnecting…"], Severity.Warning, o => o.DuplicatesBehavior = SnackbarDuplicatesBehavior.Prevent);
        }
        finally
        {
            if (!loaded)
            {
                // Nothing to merge the changes made meanwhile into: stop keeping them for this call.
                Moderation.EndLoad();
            }
        }
    }

    protected Task ApproveAsync(QuestionDto question) =>
        RunAsync(question.Id, () => Live.ApproveQuestionAsync(question.Id), State.ApplyQuestion, T["Approved: viewers see the question now."]);

    protected Task AnswerAsync(AnswerRequest request)
    {
        var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        return RunAsync(request.Question.Id, () => Live.AnswerQuestionAsync(request.Question.Id, text), State.ApplyQuestion,
            text is null ? T["Marked answered."] : T["Answered: everyone sees the answer under the video."]);
    }

    protected Task DismissAsync(QuestionDto question) =>
        RunAsync(question.Id, () => Live.DismissQuestionAsync(question.Id), State.ApplyQuestion, T["Dismissed: viewers no longer see it."]);

    protected Task DeleteMessageAsync(ChatMessageDto message) =>
        RunAsync(message.Id, () => Live.DeleteChatAsync(message.Id), deleted => ApplyAsync(deleted), T["Deleted for everyone."]);

    protected Task RestrictAsync(RestrictRequest request) => RunAsync(
        request.UserId,
        () => Live.RestrictUserAsync(new RestrictUserRequest(request.UserId, request.Kind, request.Seconds)),
        restriction =>
        {
            Moderation.ApplyRestriction(restriction);
            var what = request.Kind == RestrictionKind.Ban
                ? T["{0} is banned from this show's chat.", request.UserName]
                : T["{0} is timed out for {1}.", request.UserName, ModerationFormat.Duration(TimeSpan.FromSeconds(request.Seconds ?? 0))];
            Snackbar.Add(what, Severity.Success, options =>
            {
                options.Action = T["Undo"];
                options.OnClick = _ => InvokeAsync(() => LiftAsync(request.UserId));
            });
        },
        success: null);

    protected Task LiftAsync(Guid userId) => RunAsync(
        userId,
        async () =>
        {
            await Live.LiftRestrictionAsync(userId);
            return userId;
        },
        Moderation.RemoveRestriction,
        T["Lifted: they can chat again."]);

    protected Task ReleaseHeldAsync(HeldMessageDto held) =>
        RunAsync(held.Id, () => Live.ReleaseHeldAsync(held.Id), Moderation.ApplyHeld, T["Released: the message is in the chat."]);

    protected Task DropHeldAsync(HeldMessageDto held) =>
        RunAsync(held.Id, () => Live.DropHeldAsync(held.Id), Moderation.ApplyHeld, T["Dropped: nobody will see it."]);

    protected Task SetSlowModeAsync(int seconds) => SaveAsync("slow-mode", () => Live.SetSlowModeAsync(seconds), settings => ApplyAsync(settings),
        seconds == 0 ? T["Slow mode is off."] : T["Slow mode: one message every {0} per viewer.", ModerationFormat.Seconds(seconds)]);

    protected Task SetAnnouncementAsync(string? text) => SaveAsync("announcement", () => Live.SetAnnouncementAsync(text), settings => ApplyAsync(settings),
        string.IsNullOrWhiteSpace(text) ? T["The announcement is cleared."] : T["Pinned at the top of the chat."]);

    protected Task SetBlocklistAsync(IReadOnlyList<string> words) =>
        SaveAsync("blocklist", () => Live.SetBlocklistAsync(words), Moderation.ApplyBlocklist, T["Blocklist saved."]);

    /// <summary>Runs a staff action on one item (one at a time per item), applies the answer, and says how it went.</summary>
    private Task RunAsync<TAnswer>(Guid key, Func<Task<TAnswer>> action, Action<TAnswer> apply, string? success) => RunAsync(key, action, Synchronous(apply), success);

    private async Task RunAsync<TAnswer>(Guid key, Func<Task<TAnswer>> action, Func<TAnswer, Task> apply, string? success)
    {
        if (!_busy.Add(key))
        {
            return;
        }

        try
        {
            await ReportAsync(action, apply, success);
        }
        finally
        {
            _busy.Remove(key);
        }
    }

    /// <summary>Saves one of the show's chat settings (the bar shows which is saving), applies the answer, and says how it went.</summary>
    private Task SaveAsync<TAnswer>(string setting, Func<Task<TAnswer>> action, Action<TAnswer> apply, string success) => SaveAsync(setting, action, Synchronous(apply), success);

    private async Task SaveAsync<TAnswer>(string setting, Func<Task<TAnswer>> action, Func<TAnswer, Task> apply, string success)
    {
        SavingSetting = setting;
        try
        {
            await ReportAsync(action, apply, success);
        }
        finally
        {
            SavingSetting = null;
        }
    }

    /// <summary>Calls the hub, applies its answer and says so; a refusal or a lost connection is said in a snackbar, never thrown.</summary>
    private async Task ReportAsync<TAnswer>(Func<Task<TAnswer>> action, Func<TAnswer, Task> apply, string? success)
    {
        try
        {
            await apply(await action());
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
            }
        }
        catch (HubException e)
        {
            Snackbar.Add(HubErrors.Sentence(e), Severity.Warning);
        }
        catch (InvalidOperationException)
        {
            Snackbar.Add(T["Not connected to the show yet: try again in a moment."], Severity.Warning);
        }
    }

    private static Func<TAnswer, Task> Synchronous<TAnswer>(Action<TAnswer> apply) => answer =>
    {
        apply(answer);
        return Task.CompletedTask;
    };

    private Task OnHeldAsync(HeldMessageDto held) => InvokeAsync(() =>
    {
        Moderation.ApplyHeld(held);
        StateHasChanged();
    });

    private Task OnRestrictionsAsync(IReadOnlyList<RestrictionDto> restrictions) => InvokeAsync(() =>
    {
        Moderation.ApplyRestrictions(restrictions);
        StateHasChanged();
    });

    private Task OnBlocklistAsync(IReadOnlyList<string> words) => InvokeAsync(() =>
    {
        Moderation.ApplyBlocklist(words);
        StateHasChanged();
    });

    public override ValueTask DisposeAsync()
    {
        Live.HeldMessageUpdated -= OnHeldAsync;
        Live.RestrictionsChanged -= OnRestrictionsAsync;
        Live.BlocklistChanged -= OnBlocklistAsync;
        return base.DisposeAsync();
    }
}
