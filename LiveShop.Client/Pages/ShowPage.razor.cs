using LiveShop.Client.Components;
using LiveShop.Client.Components.Moderation;
using LiveShop.Client.Features.Claims;
using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.JSInterop;
using MudBlazor;

namespace LiveShop.Client.Pages;

/// <summary>
/// The viewer page: the video with the pinned products, chat and hearts over it. Prerendered with
/// the show; once interactive it joins the room and follows it live without a reload. Buying happens
/// in sheets over the video (product, cart and checkout); the page never leaves, except to sign in or
/// continue as a guest: the cart is kept in the browser (<see cref="CartStorage"/>) so it is still there
/// when that full reload comes back, and the sheet opens on it.
/// Questions: asked and voted on in a sheet on a phone, in the Q&amp;A tab on a desktop; the latest answer
/// shows over the video for a while. A timed-out or banned viewer sees why instead of the chat input.
/// "+1" claims: a viewer's "+1" line that claimed a unit gets a private card over the video (held: Pay, which puts the
/// claim in the cart at its price; sold out: their place on the waitlist), kept up to date by the <c>ClaimUpdated</c>
/// push and read again after every (re)join; a line that claimed nothing gets the server's reason in a toast.
/// </summary>
public sealed partial class ShowPage
{
    /// <summary>The desktop side column's tabs.</summary>
    private enum SideTab
    {
        Chat,
        Qa,
        Products,
    }

    private static readonly SideTab[] Tabs = [SideTab.Chat, SideTab.Qa, SideTab.Products];

    /// <summary>"chat", "qa", "products": the tab's ids and test ids.</summary>
    private static string Slug(SideTab tab) => tab.ToString().ToLowerInvariant();

    /// <summary>Chat lines over the video on a phone.</summary>
    private const int OverlayChatLines = 6;

    /// <summary>Status of each order placed from this page, to tell the buyer when it changes.</summary>
    private readonly Dictionary<Guid, OrderStatus> _placedHere = [];

    private HeartButton? _hearts;
    private PurchaseToasts? _toasts;
    private bool _cartOpen;
    private LineupItemDto? _product;
    private Guid? _productQueryHandled;
    private Guid? _lastChosen;
    private CartStorage? _storage;
    private SideTab _tab = SideTab.Chat;
    private bool _questionsOpen;
    private StreamSyncedView? _synced;
    private MyClaims _claims = new();

    /// <summary>The show <see cref="_claims"/> belong to.</summary>
    private Guid? _claimsFor;

    /// <summary>The show whose kept cart is being read (once per show).</summary>
    private Guid? _readingFor;

    /// <summary>The show whose kept cart was read: from then on every change of the cart is kept.</summary>
    private Guid? _restoredFor;

    [Inject] private CartState Cart { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    /// <summary>A product to open in its sheet: a share link lands on <c>/shows/{id}?product={productId}</c>.</summary>
    [SupplyParameterFromQuery(Name = "product")] public Guid? ProductQuery { get; set; }

    /// <summary><c>checkout=1</c>: back from signing in to buy, so the kept cart opens (see <see cref="BuyReturnUrl"/>).</summary>
    [SupplyParameterFromQuery(Name = "checkout")] public string? CheckoutQuery { get; set; }

    private IReadOnlyList<ChatMessageDto> RecentChat => State.Chat.Count <= OverlayChatLines ? State.Chat : [.. State.Chat.TakeLast(OverlayChatLines)];

    /// <summary>The lineup with the pinned products first, in pin order, as the video has shown them (see <see cref="Synced"/>).</summary>
    private IReadOnlyList<LineupItemDto> LineupPinnedFirst =>
        Synced.Pinned.Count == 0 ? Lineup : [.. Synced.PinnedItems, .. Lineup.Where(l => !Synced.Pinned.Contains(l.ProductId))];

    private bool CanChat => ConnectionState == LiveConnectionState.Connected && State.Status != ShowStatus.Ended;

    /// <summary>Asking and voting: connected, the show not over, and the viewer not timed out or banned.</summary>
    private bool CanAsk => CanChat && Restriction is null;

    private string? AskDisabledReason => Restriction is not null ? T["You can't ask or vote while you're timed out or banned."].Value : State.Status == ShowStatus.Ended ? T["This show has ended."].Value : null;

    /// <summary>The viewer's timeout (while it lasts) or ban.</summary>
    private RestrictionNoticeDto? Restriction => State.RestrictionAt(Clock.GetUtcNow());

    private string? SlowModeHint => State.ChatSettings.SlowModeSeconds is > 0 and var seconds && UserId is not null
        ? T["Slow mode: one message every {0}", ModerationFormat.Seconds(seconds)].Value
        : null;

    /// <summary>A way to the desk for the show's staff, as the server said when the page joined (before that, the show's hosts).</summary>
    private bool MayModerate => State.IsStaff || (UserId is { } me && (me == Detail?.Host.Id || me == Detail?.CoHost?.Id));

    private DateTimeOffset ServerNow => State.ServerNow(Clock.GetUtcNow());

    private string QuestionsLabel => State.Questions.Open.Count switch
    {
        0 => T["Questions"],
        1 => T["Questions, 1 open"],
        var n => T["Questions, {0} open", n],
    };

    private string TabLabel(SideTab tab) => tab switch
    {
        SideTab.Chat => T["Chat"],
        SideTab.Qa => T["Q&A"],
        SideTab.Products => T["Products"],
    };

    private bool CanReact => ConnectionState == LiveConnectionState.Connected && State.Status == ShowStatus.Live;

    private string SignInHref => $"account/sign-in?returnUrl={Uri.EscapeDataString($"/shows/{Id}")}";

    /// <summary>
    /// After signing in to buy, back to this show with the cart open (it is kept in the browser), or, when
    /// no cart could be kept, the product the viewer chose.
    /// </summary>
    private string BuyReturnUrl => _lastChosen is { } productId ? $"/shows/{Id}?checkout=1&product={productId}" : $"/shows/{Id}?checkout=1";

    /// <summary>Back from signing in to buy and the kept cart not read yet: no sheet opens until it is.</summary>
    private bool AwaitingCheckout => CheckoutQuery == "1" && _restoredFor != Detail?.Id;

    /// <summary>The flash sale on the product in the sheet, as the video has shown it (it may be for some variants only).</summary>
    private FlashSaleDto? SheetSale => _product is null ? null : Synced.SaleFor(_product.ProductId, Clock.GetUtcNow());

    /// <summary>The product in the sheet as the room has it now (its stock follows the room events).</summary>
    private LineupItemDto? SheetProduct => _product is null ? null : State.ItemFor(_product.ProductId) ?? _product;

    private string CartLabel => Cart.Count switch
    {
        0 => T["Cart, empty"],
        1 => T["Cart, 1 item"],
        var n => T["Cart, {0} items", n],
    };

    /// <summary>
    /// The price shown in the lineup and the product sheet: a flash price only once the video has reached
    /// it (<see cref="Synced"/>), like the pinned cards. The cart and the order still use the room's price
    /// (<see cref="ShowState.PriceOf"/>), which the server checks.
    /// </summary>
    private ProductPrice? PriceNow(Guid productId)
    {
        if (State.ItemFor(productId) is not { } item)
        {
            return null;
        }

        return VariantPrices.PriceOf(item, null, Synced.SaleFor(productId, Clock.GetUtcNow()));
    }

    protected override void OnInitialized()
    {
        State.ReactionsArrived += OnReactions;
        Cart.Changed += OnCartChanged;
        Live.PurchaseToast += OnPurchaseToastAsync;
        Live.OrderUpdated += OnOrderUpdatedAsync;
        Live.ClaimUpdated += OnClaimUpdatedAsync;
    }

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Detail is null)
        {
            return;
        }

        Cart.Attach(State);
        if (_claimsFor != Detail.Id)
        {
            _claimsFor = Detail.Id;
            _claims = new MyClaims();
        }

        if (ProductQuery != _productQueryHandled)
        {
            _productQueryHandled = ProductQuery;
            var chosen = ProductQuery is { } productId ? State.ItemFor(productId) : null;
            _lastChosen = chosen?.ProductId ?? _lastChosen;
            _product = AwaitingCheckout ? null : chosen;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Before joining the room: reading the browser's storage is quick, the join may not be.
        if (Detail is not null && RendererInfo.IsInteractive && ReferenceEquals(Cart.Show, State) && _readingFor != Detail.Id)
        {
            await RestoreCartAsync(Detail.Id);
        }

        await base.OnAfterRenderAsync(firstRender);
    }

    /// <summary>Puts back the cart kept for this show (once interactive), then keeps every change of it.</summary>
    private async Task RestoreCartAsync(Guid showId)
    {
        _readingFor = showId;
        _storage ??= new CartStorage(Js);
        var saved = await _storage.ReadAsync(showId);
        if (!ReferenceEquals(Cart.Show, State) || Cart.ShowId != showId)
        {
            // The page moved on to another show meanwhile: this one is read again when it comes back.
            _readingFor = null;
            return;
        }

        var returningToCheckout = AwaitingCheckout;
        _restoredFor = showId;
        Cart.Restore(saved);

        // What the cart holds now: products that left the lineup are no longer kept.
        await _storage.WriteAsync(showId, Cart.Lines);
        if (returningToCheckout)
        {
            if (!Cart.IsEmpty)
            {
                _product = null;
                _cartOpen = true;
            }
            else if (ProductQuery is { } productId)
            {
                _product = State.ItemFor(productId);
            }
        }

        StateHasChanged();
    }

    private void OnReactions(int added) => _ = InvokeAsync(() => _hearts?.Float(added));

    /// <summary>
    /// The pins and flash prices as of the frame the viewer's video shows (an HLS stream runs seconds
    /// behind the room): the pinned cards use it; chat, questions and the cart use <c>State</c> at once.
    /// </summary>
    private StreamSyncedView Synced
    {
        get
        {
            if (_synced is null)
            {
                _synced = new StreamSyncedView(State, Clock);
                _synced.Changed += OnSyncedChanged;
            }

            return _synced;
        }
    }

    private void OnSyncedChanged() => _ = InvokeAsync(StateHasChanged);

    private void OnPlayingDate(DateTimeOffset? playingDate) => Synced.SetPlayingDate(playingDate);

    private void OnCartChanged() => _ = InvokeAsync(() =>
    {
        StateHasChanged();
        return KeepCartAsync();
    });

    /// <summary>Keeps the cart in the browser (an empty one, after an order say, removes it); only once the kept one was read.</summary>
    private Task KeepCartAsync() =>
        _storage is not null && Cart.ShowId is { } showId && showId == _restoredFor && RendererInfo.IsInteractive
            ? _storage.WriteAsync(showId, Cart.Lines)
            : Task.CompletedTask;

    private Task OnPurchaseToastAsync(PurchaseToastDto toast) => InvokeAsync(() => _toasts?.Show(toast));

    /// <summary>An order placed here changed (PendingPayment → Paid, say): tell the buyer.</summary>
    private Task OnOrderUpdatedAsync(OrderDto order) => InvokeAsync(() =>
    {
        if (_placedHere.TryGetValue(order.Id, out var known) && known != order.Status)
        {
            _placedHere[order.Id] = order.Status;
            Snackbar.Add(OrderStatusChip.Sentence(order, T), OrderStatusChip.SeverityOf(order.Status));
        }
    });

    /// <summary>An order placed from the cart sheet: the claims it paid for leave their cards at once.</summary>
    private void OrderPlaced(OrderDto order)
    {
        _placedHere[order.Id] = order.Status;
        _claims.Paid(Cart.PlacedClaims);
    }

    /// <summary>The viewer's "+1" line got an answer: the claim it made (its card shows), or why it claimed nothing.</summary>
    protected override Task OnChatAnsweredAsync(SendChatResult result)
    {
        if (result.Claim is { } claim)
        {
            _claims.Claimed(claim);
        }
        else if (result.ClaimNote is { } note)
        {
            Snackbar.Add(note, Severity.Info);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// One of the viewer's claims moved: the card follows, a claim that no longer holds a unit leaves the cart, and a unit
    /// held for them off the waitlist is said in a toast with Pay (the card may be out of sight, on a desktop tab say).
    /// </summary>
    private Task OnClaimUpdatedAsync(ChatClaimDto claim) => InvokeAsync(() =>
    {
        var move = _claims.Moved(claim);
        if (move == ClaimMove.None)
        {
            return;
        }

        if (claim.Status != ChatClaimStatus.Held)
        {
            Cart.RemoveClaim(claim.Id);
        }

        if (move == ClaimMove.Promoted)
        {
            Snackbar.Add(T["One came back for you: {0} is reserved. Pay before the time runs out.", ClaimName(claim)], Severity.Success, options =>
            {
                options.Action = T["Pay"];
                options.OnClick = _ => InvokeAsync(() => PayClaim(claim));
            });
        }

        StateHasChanged();
    });

    /// <summary>Pay for a held claim: its line (one unit at the claim's price) in the cart, and the cart open.</summary>
    private void PayClaim(ChatClaimDto claim)
    {
        var current = _claims.Find(claim.Id) ?? claim;
        if (current.Status != ChatClaimStatus.Held)
        {
            Snackbar.Add(T["Your hold on {0} has ended.", ClaimName(current)], Severity.Info);
            return;
        }

        switch (Cart.AddClaim(current))
        {
            case AddClaimResult.Added:
                OpenCart();
                break;
            case AddClaimResult.SameItemInCart:
                Snackbar.Add(T["{0} is already in your cart: place that order first, then pay for this one.", ClaimName(current)], Severity.Warning);
                OpenCart();
                break;
            case AddClaimResult.CartFull:
                Snackbar.Add(T["An order holds up to {0} different products. Place this one first, then start another.", Limits.OrderMaxLines], Severity.Warning);
                break;
            case AddClaimResult.NotHeld:
                Snackbar.Add(T["Your hold on {0} has ended.", ClaimName(current)], Severity.Info);
                break;
        }
    }

    private void DismissClaim(ChatClaimDto claim) => _claims.Dismiss(claim.Id);

    /// <summary>The last pinned product in the room now: the item on show, which a bare "+1" claims (the server's rule).</summary>
    private bool IsOnShow(Guid productId) => State.Pinned.Count > 0 && State.Pinned[^1] == productId;

    private static string ClaimName(ChatClaimDto claim) => claim.VariantLabel is { } label ? $"{claim.ProductName} ({label})" : claim.ProductName;

    /// <summary>Buy: one more in the cart and the cart open.</summary>
    private void Buy(ProductChoice choice)
    {
        _lastChosen = choice.Item.ProductId;
        AddOrWarn(choice);
        _product = null;
        _cartOpen = true;
    }

    /// <summary>Buy in the lineup list, which has no variant chips: a product with variants opens its sheet to choose one.</summary>
    private void BuyFromList(LineupItemDto item)
    {
        if (item.HasVariants())
        {
            OpenProduct(item);
        }
        else
        {
            Buy(new ProductChoice(item));
        }
    }

    private void AddToCartFromList(LineupItemDto item)
    {
        if (item.HasVariants())
        {
            OpenProduct(item);
        }
        else
        {
            AddToCart(new ProductChoice(item));
        }
    }

    private void AddToCart(ProductChoice choice)
    {
        var item = choice.Item;
        _lastChosen = item.ProductId;
        if (AddOrWarn(choice))
        {
            var name = item.VariantFor(choice.VariantId) is { } variant ? $"{item.Name} ({variant.Label})" : item.Name;
            var added = Snackbar.Add(T["{0} is in your cart.", name], Severity.Normal, options =>
            {
                options.Action = T["View cart"];
                options.OnClick = _ => InvokeAsync(OpenCart);
            });
            if (added is not null)
            {
                _cartToasts.Add(added);
            }
        }
    }

    private bool AddOrWarn(ProductChoice choice)
    {
        var item = choice.Item;
        if (item.HasVariants() && item.VariantFor(choice.VariantId) is null)
        {
            OpenProduct(item);
            return false;
        }

        if (Cart.HasClaimFor(item.ProductId, choice.VariantId))
        {
            var name = item.VariantFor(choice.VariantId) is { } chosen ? $"{item.Name} ({chosen.Label})" : item.Name;
            Snackbar.Add(T["Your reserved {0} is in your cart: place that order first, then buy more.", name], Severity.Warning);
            return false;
        }

        // The flash price the viewer saw for this variant (a sale for other variants was not shown on it).
        var seen = Synced.SaleFor(item.ProductId, Clock.GetUtcNow()) is { } sale && sale.AppliesTo(choice.VariantId) ? sale : null;
        if (Cart.Add(item, seenSale: seen, variantId: choice.VariantId))
        {
            return true;
        }

        Snackbar.Add(T["An order holds up to {0} different products. Place this one first, then start another.", Limits.OrderMaxLines], Severity.Warning);
        return false;
    }

    /// <summary>The "is in your cart" toasts still up: opening the cart takes them away (they would cover its Checkout button).</summary>
    private readonly List<Snackbar> _cartToasts = [];

    private void OpenCart()
    {
        foreach (var toast in _cartToasts)
        {
            Snackbar.Remove(toast);
        }

        _cartToasts.Clear();
        _product = null;
        _questionsOpen = false;
        _cartOpen = true;
    }

    private void OpenProduct(LineupItemDto item)
    {
        _cartOpen = false;
        _lastChosen = item.ProductId;
        _product = item;
    }

    private void CloseProduct() => _product = null;

    private void OpenQuestions()
    {
        _product = null;
        _cartOpen = false;
        _questionsOpen = true;
    }

    private void CloseQuestions() => _questionsOpen = false;

    /// <summary>
    /// After every (re)join: the questions the viewer may see and their votes, and the viewer's own claims (neither is
    /// sequenced, and pushes sent while the connection was away are lost, so both are asked again).
    /// </summary>
    protected override async Task OnRoomJoinedAsync()
    {
        await LoadMyClaimsAsync();
        try
        {
            var board = await Live.GetQuestionsAsync();
            await InvokeAsync(() =>
            {
                State.ApplyQuestions(board);
                StateHasChanged();
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The board stays as it was (asked again on the next rejoin); the room events keep the public questions coming.
        }
    }

    /// <summary>The viewer's claims in this show: a reloaded page shows those still held (to pay) or waiting again.</summary>
    private async Task LoadMyClaimsAsync()
    {
        if (UserId is null)
        {
            return;
        }

        try
        {
            var mine = await Live.GetMyClaimsAsync();
            await InvokeAsync(() =>
            {
                if (_claims.Load(mine))
                {
                    foreach (var ended in mine.Where(c => c.Status != ChatClaimStatus.Held))
                    {
                        Cart.RemoveClaim(ended.Id);
                    }

                    StateHasChanged();
                }
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The cards stay as they were; the next rejoin asks again, and the claim pushes keep them moving meanwhile.
        }
    }

    /// <summary>Sends the question; true when the server took it.</summary>
    private async Task<bool> AskQuestionAsync(string text)
    {
        try
        {
            var question = await Live.AskQuestionAsync(text);
            State.ApplyQuestion(question);
            Snackbar.Add(
                question.Status == QuestionStatus.Pending ? T["Your question is waiting for a moderator."] : T["Your question is up: others can vote for it."],
                Severity.Success);
            return true;
        }
        catch (HubException e)
        {
            Snackbar.Add(HubErrors.Sentence(e), Severity.Warning);
            return false;
        }
    }

    /// <summary>
    /// The count moves at once; the server's answer replaces the guess, or a refusal drops it (the count is
    /// the server's again: the one voted on, or a newer one that came meanwhile) and says why.
    /// </summary>
    private async Task VoteAsync(VoteRequest request)
    {
        if (State.Vote(request.QuestionId, request.Vote) is not { } ticket)
        {
            return;
        }

        try
        {
            State.ApplyVoteAnswer(ticket, await Live.VoteQuestionAsync(request.QuestionId, request.Vote));
        }
        catch (HubException e)
        {
            State.RefuseVote(ticket);
            Snackbar.Add(HubErrors.Sentence(e), Severity.Warning);
        }
        catch (InvalidOperationException)
        {
            State.RefuseVote(ticket);
            Snackbar.Add(T["Not connected to the show yet: try again in a moment."], Severity.Warning);
        }
    }

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
        if (_synced is not null)
        {
            _synced.Changed -= OnSyncedChanged;
            _synced.Dispose();
        }

        Cart.Changed -= OnCartChanged;
        Cart.Detach(State);
        Live.PurchaseToast -= OnPurchaseToastAsync;
        Live.OrderUpdated -= OnOrderUpdatedAsync;
        Live.ClaimUpdated -= OnClaimUpdatedAsync;
        return base.DisposeAsync();
    }
}
