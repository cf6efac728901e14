using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LiveShop.Client.Components;

/// <summary>What confirming with Stripe said: the PaymentIntent's status (null: unknown) and Stripe's sentence when it did not go through.</summary>
public sealed record StripeConfirmResult(string? Status, string? Error);

/// <summary>
/// Stripe's Payment Element for one order, through a small JS module (<c>wwwroot/js/stripe-payment.js</c>) that loads
/// Stripe.js from js.stripe.com at run time. Card data goes from the browser to Stripe, never to LiveShop. The parent
/// calls <see cref="ConfirmAsync"/> when the buyer presses Pay, then asks LiveShop for the order's outcome.
/// </summary>
public sealed partial class StripePaymentElement : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private bool _ready;
    private string? _failed;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The PaymentIntent's client secret (from the order's payment session).</summary>
    [Parameter, EditorRequired] public string ClientSecret { get; set; } = "";

    /// <summary>The shop's publishable key (pk_…).</summary>
    [Parameter, EditorRequired] public string PublishableKey { get; set; } = "";

    /// <summary>Where Stripe brings the buyer back after a payment that needed another page (3-D Secure): the show.</summary>
    [Parameter, EditorRequired] public string ReturnUrl { get; set; } = "";

    private string ElementId { get; } = "ls-stripe-" + Guid.NewGuid().ToString("N");

    /// <summary>Whether the card form is mounted and can be confirmed.</summary>
    public bool Ready => _ready;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/stripe-payment.js");
            await _module.InvokeVoidAsync("mount", ElementId, PublishableKey, ClientSecret);
            _ready = true;
        }
        catch (JSException)
        {
            _failed = T["The secure card form could not load. Check your connection and try again."];
        }

        StateHasChanged();
    }

    /// <summary>Confirms the payment with Stripe (it may redirect for 3-D Secure and come back to <see cref="ReturnUrl"/>).</summary>
    public async Task<StripeConfirmResult> ConfirmAsync()
    {
        if (_module is null || !_ready)
        {
            return new StripeConfirmResult(null, T["The card form is not ready yet."]);
        }

        try
        {
            return await _module.InvokeAsync<StripeConfirmResult>("confirm", ElementId, ReturnUrl);
        }
        catch (JSException e)
        {
            return new StripeConfirmResult(null, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("unmount", ElementId);
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is gone: so is the element.
        }
    }
}
