using LiveShop.Client.Services;
using LiveShop.Shared.Moderation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveShop.Client.Components.Moderation;

/// <summary>
/// The host's settings on the moderator desk, over HTTP (the server lets only the show's host change
/// them). The switches save at once and go back if the server refuses; the moderators list loads once
/// interactive.
/// </summary>
public sealed partial class HostModerationPanel
{
    private readonly HashSet<Guid> _busy = [];
    private ModeratorsDto? _moderators;
    private string? _loadError;
    private string _email = "";
    private bool _saving;
    private bool _adding;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public Guid ShowId { get; set; }

    [Parameter, EditorRequired] public bool QuestionsNeedApproval { get; set; }

    [Parameter, EditorRequired] public bool AllowGlobalModerators { get; set; }

    /// <summary>The server saved new settings.</summary>
    [Parameter, EditorRequired] public EventCallback<ModerationSettingsDto> SettingsChanged { get; set; }

    /// <summary>Moderator-role users not yet moderating this show.</summary>
    private IReadOnlyList<ShowModeratorDto> Candidates => _moderators is null
        ? []
        : [.. _moderators.Candidates.Where(c => !_moderators.Moderators.Any(m => m.UserId == c.UserId))];

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _moderators = await Api.ModeratorsAsync(ShowId);
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
        }
        catch (HttpRequestException)
        {
            _loadError = T["The moderators could not be loaded: the server did not answer."];
        }
    }

    private async Task SaveAsync(bool needApproval, bool allowGlobal)
    {
        _saving = true;
        try
        {
            var saved = await Api.UpdateModerationSettingsAsync(ShowId, new ModerationSettingsDto(needApproval, allowGlobal));
            await SettingsChanged.InvokeAsync(saved);
            Snackbar.Add(saved.QuestionsNeedApproval ? T["Saved: new questions wait for a moderator's approval."] : T["Saved: new questions show to viewers at once."], Severity.Success);
        }
        catch (ApiException e)
        {
            Snackbar.Add(e.Message, Severity.Warning);
        }
        catch (HttpRequestException)
        {
            Snackbar.Add(T["Not saved: the server did not answer. Try again."], Severity.Warning);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task AddByEmailAsync()
    {
        var email = _email.Trim();
        if (email.Length > 0 && await AddAsync(new AddModeratorRequest(email)))
        {
            _email = "";
        }
    }

    /// <summary>
    /// Adds by e-mail (the server answers the same whether or not the address has an account) or a listed candidate
    /// by id, then reloads the list: it shows whoever moderates now.
    /// </summary>
    private async Task<bool> AddAsync(AddModeratorRequest request)
    {
        _adding = true;
        try
        {
            var answer = await Api.AddModeratorAsync(ShowId, request);
            Snackbar.Add(answer.Message, Severity.Info);
            _moderators = await Api.ModeratorsAsync(ShowId);
            return true;
        }
        catch (ApiException e)
        {
            Snackbar.Add(e.Message, Severity.Warning);
            return false;
        }
        catch (HttpRequestException)
        {
            Snackbar.Add(T["Not added: the server did not answer. Try again."], Severity.Warning);
            return false;
        }
        finally
        {
            _adding = false;
        }
    }

    private async Task RemoveAsync(ShowModeratorDto moderator)
    {
        if (!_busy.Add(moderator.UserId))
        {
            return;
        }

        try
        {
            await Api.RemoveModeratorAsync(ShowId, moderator.UserId);
            if (_moderators is not null)
            {
                _moderators = _moderators with { Moderators = [.. _moderators.Moderators.Where(m => m.UserId != moderator.UserId)] };
            }

            Snackbar.Add(T["{0} no longer moderates this show.", moderator.DisplayName], Severity.Success);
        }
        catch (ApiException e)
        {
            Snackbar.Add(e.Message, Severity.Warning);
        }
        catch (HttpRequestException)
        {
            Snackbar.Add(T["Not removed: the server did not answer. Try again."], Severity.Warning);
        }
        finally
        {
            _busy.Remove(moderator.UserId);
        }
    }
}
