using LiveShop.Client.Components;
using LiveShop.Client.Services;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using MudBlazor;

namespace LiveShop.Client.Pages;

/// <summary>
/// The viewer page: the video with the pinned products, chat and hearts over it. Prerendered with
/// the show; once interactive it joins the room and follows it live without a reload.
/// </summary>
public sealed partial class ShowPage
{
    /// <summary>Chat lines over the video on a phone.</summary>
    private const int OverlayChatLines = 6;

    private HeartButton? _hearts;

    private IReadOnlyList<ChatMessageDto> RecentChat => State.Chat.Count <= OverlayChatLines ? State.Chat : [.. State.Chat.TakeLast(OverlayChatLines)];

    /// <summary>The lineup with the pinned products first, in pin order.</summary>
    private IReadOnlyList<LineupItemDto> LineupPinnedFirst =>
        State.Pinned.Count == 0 ? Detail!.Lineup : [.. State.PinnedItems, .. Detail!.Lineup.Where(l => !State.Pinned.Contains(l.ProductId))];

    private bool CanChat => ConnectionState == LiveConnectionState.Connected && State.Status != ShowStatus.Ended;

    private bool CanReact => ConnectionState == LiveConnectionState.Connected && State.Status == ShowStatus.Live;

    private string SignInHref => $"account/sign-in?returnUrl={Uri.EscapeDataString($"/shows/{Id}")}";

    protected override void OnInitialized() => State.ReactionsArrived += OnReactions;

    private void OnReactions(int added) => _ = InvokeAsync(() => _hearts?.Float(added));

    private async Task ReactAsync()
    {
        try
        {
            await Live.ReactAsync();
        }
        catch (HubException)
        {
            // A heart that did not count is not worth a message.
        }
    }

    public override ValueTask DisposeAsync()
    {
        State.ReactionsArrived -= OnReactions;
        return base.DisposeAsync();
    }
}
