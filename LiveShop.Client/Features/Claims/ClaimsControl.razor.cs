using LiveShop.Shared.Claims;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Features.Claims;

/// <summary>
/// Turns a lineup product's "+1" claims on or off with the time buyers get to pay (<see cref="OnChange"/>: the console
/// asks the hub), and shows each keyword's counts from the room's <see cref="ChatClaimSettingsDto"/>. The pay time is
/// chosen before turning claims on; changed while they are on, it is sent at once (new claims get it). Claims and a
/// flash price never run on one product together: while a flash price runs, claims cannot be turned on.
/// </summary>
public sealed partial class ClaimsControl
{
    /// <summary>The pay time offered first.</summary>
    public const int DefaultPayMinutes = Shared.Limits.ClaimPayDefaultMinutes;

    /// <summary>The pay times offered, in minutes.</summary>
    private static readonly int[] PayTimes = [10, DefaultPayMinutes, 60, 120, Shared.Limits.ClaimPayMaxMinutes];

    private int _minutes = DefaultPayMinutes;
    private ChatClaimSettingsDto? _shown;

    /// <summary>The lineup product.</summary>
    [Parameter, EditorRequired] public LineupItemDto Item { get; set; } = default!;

    /// <summary>Its claims as the room last told (null: never opened).</summary>
    [Parameter] public ChatClaimSettingsDto? Settings { get; set; }

    /// <summary>A flash price runs on the product now.</summary>
    [Parameter] public bool SaleRunning { get; set; }

    /// <summary>Not the user's show, not connected, the show ended, or a change on its way.</summary>
    [Parameter] public bool Disabled { get; set; }

    /// <summary>The host asked for claims on or off, or another pay time while on.</summary>
    [Parameter] public EventCallback<SetChatClaimsRequest> OnChange { get; set; }

    private bool IsOpen => Settings?.Open == true;

    /// <summary>Ours, and a pay time the server holds that is not one of ours (set by an API client), so it still shows.</summary>
    private IEnumerable<int> Choices => PayTimes.Contains(_minutes) ? PayTimes : PayTimes.Append(_minutes).Order();

    protected override void OnParametersSet()
    {
        // The pay time follows the room's setting whenever that changes (another console of the show may have set it).
        if (Settings is { } settings && !ReferenceEquals(settings, _shown) && settings.PayMinutes != _shown?.PayMinutes)
        {
            _minutes = settings.PayMinutes;
        }

        _shown = Settings;
    }

    private Task ToggleAsync(bool open) => OnChange.InvokeAsync(new SetChatClaimsRequest(Item.ProductId, open, _minutes));

    private Task ChoosePayTimeAsync(int minutes)
    {
        _minutes = minutes;
        return IsOpen ? OnChange.InvokeAsync(new SetChatClaimsRequest(Item.ProductId, true, minutes)) : Task.CompletedTask;
    }

    private string PayTimeLabel(int minutes) => minutes switch
    {
        10 => T["10 minutes"],
        30 => T["30 minutes"],
        60 => T["1 hour"],
        120 => T["2 hours"],
        Shared.Limits.ClaimPayMaxMinutes => T["24 hours"],
        _ => T["{0} min", minutes],
    };

    /// <summary>"+1 M · 12 claimed · 3 waiting" (without the waiting part when nobody waits).</summary>
    private string KeywordLine(ClaimKeywordDto keyword) => keyword.Waiting > 0
        ? T["{0} · {1} claimed · {2} waiting", keyword.Keyword, keyword.Claimed, keyword.Waiting]
        : T["{0} · {1} claimed", keyword.Keyword, keyword.Claimed];
}
