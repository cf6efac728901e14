using LiveShop.Client.Services;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LiveShop.Client.Components.Video;

/// <summary>
/// What the viewer's <see cref="AcsPlayer"/> and the host's <see cref="AcsStudio"/> share: a session for
/// the show's Azure Communication Services Room from the server, Scripts/acs.js, the joined call and its
/// state as the script reports it, a fresh token when the script asks, retry, and clean-up. Each says
/// how it joins (as a viewer or as the presenter) and what it does once joined.
/// </summary>
public abstract class AcsSessionComponent : ComponentBase, IAsyncDisposable
{
    private IJSObjectReference? _module;
    private DotNetObjectReference<AcsSessionComponent>? _self;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The show whose Room to join.</summary>
    [Parameter, EditorRequired] public Guid ShowId { get; set; }

    /// <summary>The session the server gave (its token only goes to the script).</summary>
    protected AcsSessionDto? Session { get; private set; }

    protected AcsConnectionState State { get; private set; } = AcsConnectionState.Connecting;

    /// <summary>Why the call failed or ended, as the server or the script said it.</summary>
    protected string? Reason { get; private set; }

    /// <summary>The joined call (viewer) or studio (host) as the script returned it; null before joining and after stopping.</summary>
    protected IJSObjectReference? Call { get; private set; }

    protected string StateName => State.ToString().ToLowerInvariant();

    /// <summary>Joins the Room through the script (<c>joinAsViewer</c> or <c>joinAsPresenter</c>).</summary>
    protected abstract Task<IJSObjectReference> JoinAsync(IJSObjectReference module, object session, DotNetObjectReference<AcsSessionComponent> self);

    /// <summary>After joining, before the state is shown (the studio lists the devices).</summary>
    protected virtual Task JoinedAsync(IJSObjectReference call) => Task.CompletedTask;

    protected async Task StartAsync()
    {
        State = AcsConnectionState.Connecting;
        Reason = null;
        StateHasChanged();
        try
        {
            Session = await Api.StartAcsSessionAsync(ShowId);
            StateHasChanged();
            await Task.Yield(); // the element the script draws into is rendered before it does
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", AcsScript.Path);
            _self ??= DotNetObjectReference.Create(this);
            Call = await JoinAsync(_module, AcsScript.ForScript(Session), _self);
            await JoinedAsync(Call);
        }
        catch (ApiException e)
        {
            Fail(e.Message);
        }
        catch (HttpRequestException)
        {
            Fail("the server could not be reached.");
        }
        catch (JSException e)
        {
            Fail(e.Message);
        }

        StateHasChanged();
    }

    /// <summary>Called by the script as the call moves along.</summary>
    [JSInvokable]
    public Task OnAcsState(string state, string? reason)
    {
        State = AcsScript.Parse(state, State);
        Reason = reason;
        return InvokeAsync(StateHasChanged);
    }

    /// <summary>Called by the script before the token runs out: a fresh one from the server.</summary>
    [JSInvokable]
    public async Task<string> RefreshAcsToken()
    {
        Session = await Api.StartAcsSessionAsync(ShowId);
        await InvokeAsync(StateHasChanged);
        return Session.Token;
    }

    protected async Task RetryAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    private void Fail(string reason)
    {
        State = AcsConnectionState.Error;
        Reason = reason;
    }

    private async Task StopAsync()
    {
        var call = Call;
        Call = null;
        if (call is null)
        {
            return;
        }

        try
        {
            await call.InvokeVoidAsync("dispose");
            await call.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is going away.
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is going away.
        }

        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
