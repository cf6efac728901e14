using LiveShop.Client.Resources;
using LiveShop.Shared.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.Claims;

/// <summary>
/// What the viewer's "+1" lines got them, seen only by them (the line itself is in everyone's chat): a held unit to
/// pay before the hold runs out, or their place on the waitlist of a sold-out product, and how an ended claim ended.
/// Pay is the page's (<see cref="OnPay"/>: the claim goes into the cart at its price); a note that is only news can
/// be closed (<see cref="OnDismiss"/>). A held card whose time ran out on this device stops offering Pay before the
/// server's push says it expired.
/// </summary>
public sealed partial class ClaimCards
{
    private enum CardState
    {
        Held,
        Waiting,
        TimeUp,
        Expired,
        Closed,
        Paid,
    }

    [Inject] private IStringLocalizer<ViewerText> T { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The claims to show, newest first (<see cref="State.MyClaims.Cards"/>).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ChatClaimDto> Claims { get; set; } = [];

    /// <summary>Server time minus device time: the hold's countdown runs on the server's clock.</summary>
    [Parameter] public TimeSpan ClockOffset { get; set; }

    /// <summary>Pay for a held claim.</summary>
    [Parameter] public EventCallback<ChatClaimDto> OnPay { get; set; }

    /// <summary>The viewer closed a waiting or ended claim's card.</summary>
    [Parameter] public EventCallback<ChatClaimDto> OnDismiss { get; set; }

    private CardState StateOf(ChatClaimDto claim) => claim.Status switch
    {
        ChatClaimStatus.Held when claim.PayBy is { } payBy && payBy > Clock.GetUtcNow() + ClockOffset => CardState.Held,
        ChatClaimStatus.Held => CardState.TimeUp,
        ChatClaimStatus.Waiting => CardState.Waiting,
        ChatClaimStatus.Expired => CardState.Expired,
        ChatClaimStatus.Closed => CardState.Closed,
        ChatClaimStatus.Ordered => CardState.Paid,
    };

    private string Title(CardState state) => state switch
    {
        CardState.Held => T["Reserved for you"],
        CardState.Waiting => T["On the waitlist"],
        CardState.TimeUp or CardState.Expired => T["Hold ended"],
        CardState.Closed => T["Claims closed"],
        CardState.Paid => T["Paid"],
    };

    private static string StateName(CardState state) => state.ToString().ToLowerInvariant();

    /// <summary>The product, and its variant in brackets.</summary>
    private static string NameOf(ChatClaimDto claim) => claim.VariantLabel is { } label ? $"{claim.ProductName} ({label})" : claim.ProductName;
}
