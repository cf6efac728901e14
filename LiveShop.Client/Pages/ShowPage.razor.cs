using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Pages;

/// <summary>
/// The viewer page. Prerendered with the show's state; once interactive it joins the show's live
/// group and follows every status change without a reload.
/// </summary>
public sealed partial class ShowPage
{
    private readonly ShowState _state = new();
    private LiveConnectionState _connectionState = LiveConnectionState.Disconnected;

    [Inject] private IShowReader Reader { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private LiveShowConnection Live { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The show's id from the URL.</summary>
    [Parameter] public Guid Id { get; set; }

    /// <summary>Loaded during prerender and carried into the interactive page.</summary>
    [PersistentState] public ShowDetailDto? Detail { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Detail ??= await Reader.GetAsync(Id);
        if (Detail is null)
        {
            // Answers 404 during prerendering and shows the not-found page.
            Navigation.NotFound();
            return;
        }

        _state.Load(Detail);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || Detail is null || !RendererInfo.IsInteractive)
        {
            return;
        }

        Live.StatusChanged += OnStatusChangedAsync;
        Live.StateChanged += OnConnectionChangedAsync;
        await Live.StartAsync(Detail.Id);
    }

    private Task OnStatusChangedAsync(ShowStatusChangedDto change) =>
        _state.ApplyStatus(change, Clock.GetUtcNow()) ? InvokeAsync(StateHasChanged) : Task.CompletedTask;

    private Task OnConnectionChangedAsync(LiveConnectionState state)
    {
        _connectionState = state;
        return InvokeAsync(StateHasChanged);
    }

    public async ValueTask DisposeAsync()
    {
        Live.StatusChanged -= OnStatusChangedAsync;
        Live.StateChanged -= OnConnectionChangedAsync;
        await Live.DisposeAsync();
    }
}
