using LiveShop.Client.Components.Moderation;
using LiveShop.Client.State;
using LiveShop.Shared.Moderation;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Components.Questions;

/// <summary>
/// The questions as the show's staff handle them. The filter chips pick pending, open or answered ones;
/// without them (the host console) it shows the top open questions only. The component never changes a
/// question itself: it raises the action and shows a spinner while the item is in <see cref="Busy"/>.
/// </summary>
public sealed partial class QuestionQueue
{
    private static readonly QuestionStatus[] Filters = [QuestionStatus.Pending, QuestionStatus.Open, QuestionStatus.Answered];

    private readonly Dictionary<Guid, string> _drafts = [];

    /// <summary>The show's questions.</summary>
    [Parameter, EditorRequired] public QuestionBoard Board { get; set; } = default!;

    /// <summary>The server's time now, for "3 min ago".</summary>
    [Parameter, EditorRequired] public DateTimeOffset ServerNow { get; set; }

    /// <summary>Which questions show (with <see cref="ShowFilters"/>).</summary>
    [Parameter] public QuestionStatus Filter { get; set; } = QuestionStatus.Open;

    [Parameter] public EventCallback<QuestionStatus> FilterChanged { get; set; }

    /// <summary>Pending / Open / Answered chips; without them only open questions show.</summary>
    [Parameter] public bool ShowFilters { get; set; } = true;

    /// <summary>At most this many questions (the console shows the top few).</summary>
    [Parameter] public int? MaxItems { get; set; }

    /// <summary>Questions with an action in flight.</summary>
    [Parameter] public IReadOnlySet<Guid> Busy { get; set; } = new HashSet<Guid>();

    [Parameter] public EventCallback<QuestionDto> OnApprove { get; set; }

    /// <summary>Answer with text, or mark answered (text null).</summary>
    [Parameter, EditorRequired] public EventCallback<AnswerRequest> OnAnswer { get; set; }

    [Parameter] public EventCallback<QuestionDto> OnDismiss { get; set; }

    private QuestionStatus ShownStatus => ShowFilters ? Filter : QuestionStatus.Open;

    private IReadOnlyList<QuestionDto> Shown
    {
        get
        {
            var list = ListOf(ShownStatus);
            return MaxItems is { } max && list.Count > max ? [.. list.Take(max)] : list;
        }
    }

    private string EmptyText => ShownStatus switch
    {
        QuestionStatus.Pending => T["No questions waiting for approval."],
        QuestionStatus.Open => T["No open questions. New ones appear here as viewers ask."],
        QuestionStatus.Answered => T["Nothing answered yet."],
        QuestionStatus.Dismissed => T["Nothing dismissed."],
    };

    private IReadOnlyList<QuestionDto> ListOf(QuestionStatus status) => status switch
    {
        QuestionStatus.Pending => Board.Pending,
        QuestionStatus.Open => Board.Open,
        QuestionStatus.Answered => Board.Answered,
        QuestionStatus.Dismissed => [],
    };

    private int CountOf(QuestionStatus status) => ListOf(status).Count;

    private string FilterLabel(QuestionStatus status) => status switch
    {
        QuestionStatus.Pending => T["Pending"],
        QuestionStatus.Open => T["Open"],
        QuestionStatus.Answered => T["Answered"],
        QuestionStatus.Dismissed => T["Dismissed"],
    };

    private string DraftOf(Guid id) => _drafts.GetValueOrDefault(id, "");

    private async Task SendAnswerAsync(QuestionDto question)
    {
        var text = DraftOf(question.Id).Trim();
        if (text.Length == 0 || Busy.Contains(question.Id))
        {
            return;
        }

        _drafts.Remove(question.Id);
        await OnAnswer.InvokeAsync(new AnswerRequest(question, text));
        if (Board.Find(question.Id) is not { Status: QuestionStatus.Answered })
        {
            // Refused (the snackbar says why): the answer is still there to send again.
            _drafts.TryAdd(question.Id, text);
        }
    }
}
