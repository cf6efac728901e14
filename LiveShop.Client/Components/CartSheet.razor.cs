using System.Net;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using Microsoft.JSInterop;
using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Components;

/// <summary>
/// The cart and checkout sheet. Prices come live from <see cref="CartState"/>; the order asks for
/// exactly the prices on screen. Each press of Place order is one attempt with its own idempotency
/// key: a network failure is retried once with the same key, and when the answer still does not come
/// the key is kept: the next press of the same order reuses it; if the cart changed meanwhile, the
/// sheet first asks whether that attempt placed an order (asking never places one) and only sends the
/// new cart with a new key if it did not. "Payment pending" means the order exists (its payment is being
/// confirmed): the cart empties and the buyer is pointed to My orders. A refusal means nothing was
/// written, so the next attempt gets a fresh key. A changed price (also a flash price that ended, sold out or is over the
/// per-buyer cap) asks the buyer (<see cref="PriceChangedDialog"/>); any other refusal shows the
/// server's sentence in the sheet, which stays open with everything the buyer entered.
/// The Payment step offers only what the show's shop takes (<see cref="CheckoutOptionsDto"/>), and every step says
/// "Test mode — no money moves" while the development gateway takes the cards. With Stripe, a placed order holds its
/// stock and the sheet moves to a Pay step with Stripe's Payment Element and the hold's countdown: Pay confirms with
/// Stripe, then asks LiveShop for the outcome; a decline can be retried until the hold runs out. A bank transfer
/// shows the shop's instructions and the order's reference.
/// </summary>
public sealed partial class CartSheet : IDisposable
{
    private readonly AddressForm _address = new();
    private EditContext _addressContext = default!;
    private CheckoutStep _step = CheckoutStep.Cart;
    private PaymentChoice _payment = PaymentChoice.CardSucceeds;
    private bool _wasOpen;
    private bool _profileLoaded;
    private bool _loadingProfile;
    private bool _placing;
    private string? _error;
    private CheckoutOptionsDto? _options;
    private bool _loadingOptions;

    /// <summary>The order held while the buyer pays it in Stripe's form (Pay step).</summary>
    private OrderDto? _paying;

    /// <summary>The orders waiting for their bank transfers (Transfer step): one, or one per brand in a creator's show.</summary>
    private List<OrderDto> _transfers = [];

    /// <summary>In a creator's show with several brands, the orders still to pay in Stripe's form after <see cref="_paying"/>.</summary>
    private readonly Queue<OrderDto> _toPay = new();

    /// <summary>How many payments this checkout needs in Stripe's form (more than one: one per brand).</summary>
    private int _payments;

    /// <summary>The checkout's first order, with the other brands' orders (<see cref="OrderDto.AlsoPlaced"/>).</summary>
    private OrderDto? _placed;
    private StripePaymentElement? _stripe;
    private bool _confirming;

    /// <summary>"Buy as a gift": no address; the buyer gets a link for the recipient (<see cref="GiftRequest"/>).</summary>
    private bool _asGift;
    private string _giftMessage = "";

    /// <summary>An attempt whose answer never came (network failure): its key is reused for the same order.</summary>
    private (string Key, PlaceOrderRequest Request)? _unanswered;

    [Inject] private CartState Cart { get; set; } = default!;

    [Inject] private IStringLocalizer<ViewerText> T { get; set; } = default!;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    /// <summary>Whether the sheet is up; it opens at the cart step.</summary>
    [Parameter, EditorRequired] public bool Open { get; set; }

    [Parameter] public EventCallback<bool> OpenChanged { get; set; }

    /// <summary>A signed-in user or guest: only they can buy. Others see the way to sign in.</summary>
    [Parameter, EditorRequired] public bool SignedIn { get; set; }

    /// <summary>Where signing in (or continuing as a guest) comes back to: this show.</summary>
    [Parameter, EditorRequired] public string ReturnUrl { get; set; } = "/";

    /// <summary>An order was placed from this sheet (the cart is already empty).</summary>
    [Parameter] public EventCallback<OrderDto> OnOrderPlaced { get; set; }

    private enum CheckoutStep
    {
        Cart,
        Delivery,
        Payment,
        Pay,
        Transfer,
        Gift,
    }

    private enum PaymentChoice
    {
        CardSucceeds,
        CardDeclined,
        Card,
        CashOnDelivery,
        BankTransfer,
    }

    private string Title => !SignedIn ? T["Your cart"] : _step switch
    {
        CheckoutStep.Cart => T["Your cart"],
        CheckoutStep.Delivery => T["Delivery"],
        CheckoutStep.Payment => T["Payment"],
        CheckoutStep.Pay => T["Pay by card"],
        CheckoutStep.Transfer => T["Pay by bank transfer"],
        CheckoutStep.Gift => T["Your gift"],
    };

    /// <summary>The empty cart's sentence, with the Buy button's own word in bold (the sentence is ours; only the word is markup).</summary>
    private MarkupString EmptyCartText => new(T["Your cart is empty. Tap {0} on a product to add it.", $"<strong>{WebUtility.HtmlEncode(T["Buy"])}</strong>"]);

    private string StepName => !SignedIn ? "sign-in" : _step.ToString().ToLowerInvariant();

    private EventCallback BackCallback => SignedIn && _step is CheckoutStep.Delivery or CheckoutStep.Payment && !_placing ? EventCallback.Factory.Create(this, Back) : default;

    /// <summary>Where Stripe brings the buyer back after a payment that needed another page: this show.</summary>
    private string AbsoluteReturnUrl => Navigation.ToAbsoluteUri(SafeReturn.Path(ReturnUrl)).ToString();

    private string SignInHref => $"account/sign-in?returnUrl={Uri.EscapeDataString(SafeReturn.Path(ReturnUrl))}";

    private string GuestHref => $"account/guest?returnUrl={Uri.EscapeDataString(SafeReturn.Path(ReturnUrl))}";

    protected override void OnInitialized()
    {
        _addressContext = new EditContext(_address);
        Cart.Changed += OnCartChanged;
    }

    protected override void OnParametersSet()
    {
        if (Open && !_wasOpen)
        {
            // Every Buy starts at the cart, with what was typed before still there (or back at paying a held order).
            _step = _paying is not null ? CheckoutStep.Pay : _transfers.Count > 0 ? CheckoutStep.Transfer : _step == CheckoutStep.Gift ? CheckoutStep.Gift : CheckoutStep.Cart;
            _error = null;
            if (SignedIn && _options is null)
            {
                _ = LoadOptionsAsync();
            }
        }

        _wasOpen = Open;
    }

    private void OnCartChanged()
    {
        if (Cart.IsEmpty && !_placing && _step is not (CheckoutStep.Pay or CheckoutStep.Transfer or CheckoutStep.Gift))
        {
            _step = CheckoutStep.Cart;
        }

        _ = InvokeAsync(StateHasChanged);
    }

    private Task CloseAsync() => OpenChanged.InvokeAsync(false);

    private void Back()
    {
        _error = null;
        _step = _step == CheckoutStep.Payment && !_asGift ? CheckoutStep.Delivery : CheckoutStep.Cart;
    }

    /// <summary>Checkout: to the address, or for a gift (which has none) straight to the payment.</summary>
    private Task CheckoutAsync() => _asGift ? GoToPayment() : GoToDeliveryAsync();

    /// <summary>Turns "Buy as a gift" on or off; a gift is never cash on delivery (the recipient would pay).</summary>
    private void SetGift(bool on)
    {
        _asGift = on;
        if (_options is not null && !Offered(_options, on).Contains(_payment))
        {
            _payment = Offered(_options, on).FirstOrDefault(PaymentChoice.CashOnDelivery);
        }
    }

    /// <summary>The placed gift's link, absolute, to send in any messenger.</summary>
    private string? GiftUrl => _placed?.Gift?.Link is { } link ? Navigation.ToAbsoluteUri(link).ToString() : null;

    private string GiftDeadline => _placed?.Gift is { } gift ? LocalTime.Long(gift.ExpiresAt) : "";

    private async Task CopyGiftLinkAsync()
    {
        if (GiftUrl is { } url)
        {
            await Js.CopyLinkAsync(Snackbar, T, url);
        }
    }

    /// <summary>The phone's share sheet (LINE, WhatsApp, WeChat…); where there is none, the link is copied instead.</summary>
    private async Task ShareGiftLinkAsync()
    {
        if (GiftUrl is not { } url)
        {
            return;
        }

        try
        {
            await Js.InvokeVoidAsync("navigator.share", new { title = T["A gift for you"].Value, url });
        }
        catch (JSException)
        {
            // No share sheet here (most desktops), or the buyer closed it: copying always works.
            await Js.CopyLinkAsync(Snackbar, T, url);
        }
    }

    private async Task GoToDeliveryAsync()
    {
        _error = null;
        _step = CheckoutStep.Delivery;
        if (_profileLoaded)
        {
            return;
        }

        _profileLoaded = true;
        _loadingProfile = true;
        StateHasChanged();
        try
        {
            // The address used last time (or saved on the account page), when the form is still blank.
            _address.Prefill((await Api.ProfileAsync()).SavedAddress);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            // Without it the buyer types the address: nothing to report.
        }
        finally
        {
            _loadingProfile = false;
        }
    }

    private async Task GoToPayment()
    {
        _error = null;
        _step = CheckoutStep.Payment;
        await LoadOptionsAsync();
    }

    /// <summary>What the show's shop takes; the first method it takes is chosen. A failure leaves Place order off (Back, then on, tries again).</summary>
    private async Task LoadOptionsAsync()
    {
        if (_options is not null || _loadingOptions || Cart.ShowId is not { } showId)
        {
            return;
        }

        _loadingOptions = true;
        try
        {
            _options = await Api.CheckoutOptionsAsync(showId);
            _payment = Offered(_options, _asGift).FirstOrDefault(PaymentChoice.CashOnDelivery);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            // The Payment step says so; nothing can be placed without knowing how the shop takes payment.
        }
        finally
        {
            _loadingOptions = false;
        }

        await InvokeAsync(StateHasChanged);
    }

    /// <summary>The choices the checkout shows, in order (a gift: not cash on delivery).</summary>
    private static IEnumerable<PaymentChoice> Offered(CheckoutOptionsDto options, bool gift)
    {
        switch (options.Card)
        {
            case CardProcessor.TestGateway:
                yield return PaymentChoice.CardSucceeds;
                yield return PaymentChoice.CardDeclined;
                break;
            case CardProcessor.Stripe:
                yield return PaymentChoice.Card;
                break;
            case CardProcessor.None:
                break;
        }

        if (options.CashOnDelivery && !gift)
        {
            yield return PaymentChoice.CashOnDelivery;
        }

        if (options.BankTransfer)
        {
            yield return PaymentChoice.BankTransfer;
        }
    }

    private async Task PlaceOrderAsync()
    {
        if (_placing || Cart.IsEmpty || Cart.ShowId is not { } showId || _options is null || !Offered(_options, _asGift).Contains(_payment))
        {
            return;
        }

        _placing = true;
        _error = null;
        var agreed = new Dictionary<CartLineKey, decimal>();
        try
        {
            while (true)
            {
                var request = new PlaceOrderRequest(showId, Cart.OrderLines(agreed), _asGift ? null : _address.ToDto(), PaymentDetails(), _asGift ? new GiftRequest(_giftMessage) : null);
                var refusal = await AttemptAsync(request);
                if (refusal is null || !await AgreedToNewPriceAsync(refusal, request, agreed))
                {
                    return;
                }

                // The buyer agreed to the new price: a new attempt, so a new key.
            }
        }
        finally
        {
            _placing = false;
        }
    }

    /// <summary>One attempt. Null when the order was placed or the outcome is already on screen; otherwise a refusal about a price.</summary>
    private async Task<ApiException?> AttemptAsync(PlaceOrderRequest request)
    {
        if (_unanswered is { } earlier && !SameOrder(earlier.Request, request))
        {
            // An earlier press got no answer and the cart has changed since. Ask whether that attempt
            // placed an order (asking never places one); only if it did not does this cart go, with a new key.
            if (!await EarlierAttemptPlacedNothingAsync(earlier.Key))
            {
                return null;
            }
        }

        var key = _unanswered is { } same && SameOrder(same.Request, request) ? same.Key : Guid.NewGuid().ToString();
        return await SendAsync(request, key) is Refused { Refusal: var refusal } && IsAboutPrice(refusal) ? refusal : null;
    }

    /// <summary>
    /// True when the unanswered attempt placed no order (it is forgotten). When it did, the buyer is told
    /// (their cart stays, to order it too if they want); when LiveShop cannot be reached, they are told that.
    /// </summary>
    private async Task<bool> EarlierAttemptPlacedNothingAsync(string key)
    {
        OrderDto? earlier;
        try
        {
            earlier = await Api.OrderByKeyAsync(key);
        }
        catch (Exception e) when (IsUnanswered(e))
        {
            _error = T["We could not reach LiveShop to place your order. Check your connection and press Place order again — you will not be charged twice."];
            return false;
        }
        catch (ApiException e)
        {
            // E.g. signed out meanwhile: say so; the attempt stays to be asked about again.
            _error = e.Message;
            return false;
        }

        _unanswered = null;
        if (earlier is null || earlier.Status == OrderStatus.PaymentDeclined)
        {
            // Nothing was ordered by that attempt (none placed, or its card was declined): this cart goes now.
            return true;
        }

        Cart.Placed(earlier);
        var lines = string.Join(", ", earlier.Lines.Select(l => l.VariantLabel is { } label ? $"{l.Quantity} × {l.Name} ({label})" : $"{l.Quantity} × {l.Name}"));
        _error = earlier.Status == OrderStatus.PendingPayment
            ? T["Your earlier order #{0} ({1}) was placed; its payment is still being confirmed (see My orders). Your cart is still here: press Place order to order it as well.", earlier.Number, lines]
            : T["Your earlier order #{0} ({1}) went through. Your cart is still here: press Place order to order it as well.", earlier.Number, lines];
        await OnOrderPlaced.InvokeAsync(earlier);
        return false;
    }

    /// <summary>
    /// Sends one attempt with its key (once more with the same key if the answer never came) and deals with
    /// the outcome: placed, left open (the order may exist: the key is kept for the next press), or refused
    /// (nothing was written: the next press gets a new key). Refusals not about a price are shown in the sheet.
    /// </summary>
    private async Task<Outcome> SendAsync(PlaceOrderRequest request, string key)
    {
        try
        {
            OrderDto order;
            try
            {
                order = await Api.PlaceOrderAsync(request, key);
            }
            catch (Exception e) when (IsUnanswered(e))
            {
                order = await Api.PlaceOrderAsync(request, key);
            }

            _unanswered = null;
            await PlacedAsync(order);
            return new Placed();
        }
        catch (Exception e) when (IsUnanswered(e))
        {
            _unanswered = (key, request);
            _error = T["We could not reach LiveShop to place your order. Check your connection and press Place order again — you will not be charged twice."];
            return new LeftOpen();
        }
        catch (ApiException e) when (e.Code == ProblemCodes.PaymentPending)
        {
            // The order exists and holds its stock; only the payment is not confirmed yet (the server settles it
            // with the gateway). It is placed as far as the buyer is concerned: My orders shows how it ends.
            _unanswered = null;
            await PendingAsync(e);
            return new Placed();
        }
        catch (ApiException e)
        {
            _unanswered = null;
            if (e.Code == ProblemCodes.PerBuyerCapReached && e.GuidExtension("saleId") is { } saleId && e.IntExtension("held") is { } held)
            {
                Cart.HoldsFlashUnits(saleId, held);
            }

            if (!IsAboutPrice(e))
            {
                _error = e.Message;
            }

            return new Refused(e);
        }
    }

    /// <summary>A refusal the buyer can answer by accepting another price (the server sent it).</summary>
    private static bool IsAboutPrice(ApiException e) =>
        e.Code is ProblemCodes.PriceChanged or ProblemCodes.FlashSaleEnded or ProblemCodes.PerBuyerCapReached or ProblemCodes.FlashSaleSoldOut
        && e.GuidExtension("productId") is not null && e.DecimalExtension("currentPrice") is not null;

    /// <summary>Why the price changed, in the buyer's terms, when the server's code says more than "changed".</summary>
    private string? PriceReason(ApiException refusal) => refusal.Code switch
    {
        ProblemCodes.FlashSaleEnded => T["The flash price has ended."].Value,
        ProblemCodes.PerBuyerCapReached => refusal.IntExtension("perBuyerCap") is { } cap
            ? refusal.IntExtension("held") is > 0 and var held
                ? T["The flash price is {0} per buyer, and you already have {1}.", cap, held].Value
                : T["The flash price is {0} per buyer.", cap]
            : T["You have reached the flash price's limit per buyer."],
        ProblemCodes.FlashSaleSoldOut => refusal.IntExtension("unitsLeft") is { } left
            ? T["Only {0} left at the flash price.", left].Value
            : T["Not enough left at the flash price."],
        _ => null,
    };

    /// <remarks>
    /// The refusal names the product (<c>productId</c>) and, for a product with variants, the variant
    /// (<c>variantId</c>); without a variant id it is about the first line of that product.
    /// </remarks>
    private async Task<bool> AgreedToNewPriceAsync(ApiException refusal, PlaceOrderRequest request, Dictionary<CartLineKey, decimal> agreed)
    {
        var productId = refusal.GuidExtension("productId")!.Value;
        var variantId = refusal.GuidExtension("variantId");
        var newPrice = refusal.DecimalExtension("currentPrice")!.Value;
        // A claim's line keeps the claim's price: the refusal is about an ordinary line of the product.
        var line = request.Lines.FirstOrDefault(l => l.ProductId == productId && (variantId is null || l.VariantId == variantId) && l.ClaimId is null);
        var cartLine = line is null ? null : Cart.Lines.FirstOrDefault(l => l.ProductId == productId && l.VariantId == line.VariantId && l.ClaimId is null);
        var name = cartLine is null ? null : LineName(cartLine);
        if (line is null || name is null)
        {
            _error = refusal.Message;
            return false;
        }

        var parameters = new DialogParameters<PriceChangedDialog>
        {
            { d => d.ProductName, name },
            { d => d.SeenPrice, line.ExpectedUnitPrice },
            { d => d.NewPrice, newPrice },
            { d => d.Quantity, line.Quantity },
            { d => d.Currency, Cart.Currency },
            { d => d.Reason, PriceReason(refusal) },
        };
        var dialog = await Dialogs.ShowAsync<PriceChangedDialog>(T["The price changed"], parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled)
        {
            return false;
        }

        agreed[new CartLineKey(productId, line.VariantId)] = newPrice;
        return true;
    }

    /// <summary>
    /// The checkout went through: one order, or in a creator's show one per brand (each paid on its own, one Stripe form
    /// after the other; every brand's transfer instructions together).
    /// </summary>
    private async Task PlacedAsync(OrderDto order)
    {
        IReadOnlyList<OrderDto> orders = [order, .. order.AlsoPlaced ?? []];
        foreach (var placed in orders)
        {
            Cart.Placed(placed);
        }

        Cart.Clear();
        _placed = order;

        // One brand's order of several can fail alone (its card processor declined): the buyer is told which.
        foreach (var refused in orders.Where(o => o.Status == OrderStatus.PaymentDeclined))
        {
            Snackbar.Add(T["Order #{0} was not paid: nothing was charged and the items went back on sale.", refused.Number], Severity.Warning);
        }

        _toPay.Clear();
        foreach (var held in orders.Where(o => o.Status == OrderStatus.PendingPayment && o.PaymentSession?.ClientSecret is not null))
        {
            _toPay.Enqueue(held);
        }

        _payments = _toPay.Count;
        if (_toPay.TryDequeue(out var first))
        {
            // Held for the buyer: pay in Stripe's form before the hold runs out.
            _paying = first;
            _step = CheckoutStep.Pay;
            return;
        }

        _transfers = [.. orders.Where(o => o.Status == OrderStatus.AwaitingTransfer)];
        if (_transfers.Count > 0)
        {
            _step = CheckoutStep.Transfer;
            await OnOrderPlaced.InvokeAsync(order);
            return;
        }

        await ConfirmedAsync(order);
    }

    /// <summary>The brand selling a product in a creator's show (null: the show's own shop).</summary>
    private string? BrandOf(Guid productId) => Cart.Show?.ItemFor(productId)?.BrandName;

    /// <summary>How many sellers the cart's items come from: one order each.</summary>
    private int Sellers => Cart.Lines.Select(l => BrandOf(l.ProductId)).Distinct().Count();

    /// <summary>Which payment of the checkout the Pay step is at ("2 of 3"), counted from 1.</summary>
    private int PaymentNumber => _payments - _toPay.Count;

    /// <summary>The order went through: the toast with its number, the sheet closes (a gift: its link to send first).</summary>
    private async Task ConfirmedAsync(OrderDto order)
    {
        _asGift = false;
        _giftMessage = "";
        if (order.Gift?.Link is not null)
        {
            // The sheet says it itself (a toast would cover its Done button).
            _step = CheckoutStep.Gift;
            await OnOrderPlaced.InvokeAsync(order);
            return;
        }

        _step = CheckoutStep.Cart;
        Snackbar.Add(PlacedMessage(order), Severity.Success, options =>
        {
            options.VisibleStateDuration = 6000;
            options.CloseAfterNavigation = false;
        });
        await OpenChanged.InvokeAsync(false);
        await OnOrderPlaced.InvokeAsync(order);
    }

    private async Task PendingAsync(ApiException pending)
    {
        OrderDto? order = null;
        if (pending.GuidExtension("orderId") is { } orderId)
        {
            try
            {
                order = await Api.GetOrderAsync(orderId);
            }
            catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
            {
                // The sentence below says all the buyer needs; My orders will show it.
            }
        }

        if (order is not null)
        {
            Cart.Placed(order);
        }

        Cart.Clear();
        _step = CheckoutStep.Cart;
        Snackbar.Add(pending.Message, Severity.Info, options =>
        {
            options.VisibleStateDuration = 8000;
            options.CloseAfterNavigation = false;
        });
        await OpenChanged.InvokeAsync(false);
        if (order is not null)
        {
            await OnOrderPlaced.InvokeAsync(order);
        }
    }

    private PaymentDetailsDto PaymentDetails() => _payment switch
    {
        PaymentChoice.CardSucceeds => new PaymentDetailsDto(PaymentMethod.Card, TestCards.Succeeds),
        PaymentChoice.CardDeclined => new PaymentDetailsDto(PaymentMethod.Card, TestCards.Declined),
        PaymentChoice.Card => new PaymentDetailsDto(PaymentMethod.Card, null),
        PaymentChoice.CashOnDelivery => new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null),
        PaymentChoice.BankTransfer => new PaymentDetailsDto(PaymentMethod.BankTransfer, null),
    };

    /// <summary>
    /// Pay: Stripe confirms the card in its form, then LiveShop asks Stripe for the order's outcome (no waiting for the
    /// webhook). A decline is shown and the buyer can try again (another card) while the hold lasts.
    /// </summary>
    private async Task PayAsync()
    {
        if (_confirming || _stripe is null || _paying is not { } paying)
        {
            return;
        }

        _confirming = true;
        _error = null;
        try
        {
            var confirmed = await _stripe.ConfirmAsync();
            if (confirmed.Error is { } stripeSaid && confirmed.Status is null or "requires_payment_method")
            {
                _error = T["{0} Nothing was charged: try again or use another card before the hold runs out.", stripeSaid];
                return;
            }

            var order = await Api.ConfirmOrderPaymentAsync(paying.Id);
            switch (order.Status)
            {
                case OrderStatus.PendingPayment:
                    // Stripe took it but has not said "paid" yet: the order shows how it ends in My orders.
                    _paying = null;
                    await PendingAsync(new ApiException(HttpStatusCode.Conflict, ProblemCodes.PaymentPending,
                        T["Your payment for order #{0} is being confirmed. It appears in My orders as soon as it is settled.", order.Number], null));
                    break;
                case OrderStatus.PaymentDeclined or OrderStatus.Cancelled:
                    _paying = null;
                    _step = CheckoutStep.Cart;
                    _error = T["Order #{0} was not paid: nothing was charged and the items went back on sale.", order.Number];
                    break;
                default:
                    _paying = null;
                    if (_toPay.TryDequeue(out var next))
                    {
                        // The next brand's order of the same checkout: its own form, its own hold.
                        Snackbar.Add(T["Order #{0} paid", order.Number], Severity.Success);
                        _paying = next;
                        break;
                    }

                    await ConfirmedAsync(_placed ?? order);
                    break;
            }
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
        catch (Exception e) when (IsUnanswered(e))
        {
            _error = T["We could not reach LiveShop to confirm your payment. You will not be charged twice: My orders shows it once it is settled."];
        }
        finally
        {
            _confirming = false;
        }
    }

    /// <summary>The hold ran out while the buyer was paying: the items went back on sale (the server cancels the order).</summary>
    private Task HoldRanOutAsync()
    {
        if (_paying is { } paying)
        {
            _paying = null;
            _step = CheckoutStep.Cart;
            _error = T["The hold on order #{0} ran out before it was paid: nothing was charged and the items went back on sale.", paying.Number];
        }

        return InvokeAsync(StateHasChanged);
    }

    private async Task TransferNotedAsync()
    {
        _transfers = [];
        _asGift = false;
        _giftMessage = "";
        _step = CheckoutStep.Cart;
        await OpenChanged.InvokeAsync(false);
    }

    /// <summary>No answer, or one that says nothing about the order (a server failure): the order may exist.</summary>
    private static bool IsUnanswered(Exception e) =>
        e is HttpRequestException or TaskCanceledException || e is ApiException { Status: >= HttpStatusCode.InternalServerError };

    private abstract record Outcome;

    private sealed record Placed : Outcome;

    /// <summary>No final answer yet: the order may exist (the key is kept).</summary>
    private sealed record LeftOpen : Outcome;

    /// <summary>Refused: nothing was written.</summary>
    private sealed record Refused(ApiException Refusal) : Outcome;

    private static bool SameOrder(PlaceOrderRequest a, PlaceOrderRequest b) =>
        a.ShowId == b.ShowId && a.ShippingAddress == b.ShippingAddress && a.Payment == b.Payment && a.Gift == b.Gift && a.Lines.SequenceEqual(b.Lines);

    /// <summary>A line as the buyer reads it: the product, and its variant in brackets.</summary>
    private static string LineName(CartLine line) => line.VariantLabel is { } label ? $"{line.Name} ({label})" : line.Name;

    public void Dispose() => Cart.Changed -= OnCartChanged;
}
