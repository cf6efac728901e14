using LiveShop.Client.Components;
using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using MudBlazor;

namespace LiveShop.Client.Pages;

/// <summary>
/// The viewer page: the video with the pinned products, chat and hearts over it. Prerendered with
/// the show; once interactive it joins the room and follows it live without a reload. Buying happens
/// in sheets over the video (product, cart and checkout); the page never leaves.
/// </summary>
public sealed partial class ShowPage
{
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

    [Inject] private CartState Cart { get; set; } = default!;

    /// <summary>A product to open in its sheet: a share link lands on <c>/shows/{id}?product={productId}</c>.</summary>
    [SupplyParameterFromQuery(Name = "product")] public Guid? ProductQuery { get; set; }

    private IReadOnlyList<ChatMessageDto> RecentChat => State.Chat.Count <= OverlayChatLines ? State.Chat : [.. State.Chat.TakeLast(OverlayChatLines)];

    /// <summary>The lineup with the pinned products first, in pin order.</summary>
    private IReadOnlyList<LineupItemDto> LineupPinnedFirst =>
        State.Pinned.Count == 0 ? Detail!.Lineup : [.. State.PinnedItems, .. Detail!.Lineup.Where(l => !State.Pinned.Contains(l.ProductId))];

    private bool CanChat => ConnectionState == LiveConnectionState.Connected && State.Status != ShowStatus.Ended;

    private bool CanReact => ConnectionState == LiveConnectionState.Connected && State.Status == ShowStatus.Live;

    private string SignInHref => $"account/sign-in?returnUrl={Uri.EscapeDataString($"/shows/{Id}")}";

    /// <summary>After signing in to buy, back to this show, with the product the viewer chose open again.</summary>
    private string BuyReturnUrl => _lastChosen is { } productId ? $"/shows/{Id}?product={productId}" : $"/shows/{Id}";

    private ProductPrice? ProductPrice => _product is null ? null : PriceNow(_product.ProductId);

    private string CartLabel => Cart.Count switch
    {
        0 => "Cart, empty",
        1 => "Cart, 1 item",
        var n => $"Cart, {n} items",
    };

    private ProductPrice? PriceNow(Guid productId) => State.PriceOf(productId, Clock.GetUtcNow());

    protected override void OnInitialized()
    {
        State.ReactionsArrived += OnReactions;
        Cart.Changed += OnCartChanged;
        Live.PurchaseToast += OnPurchaseToastAsync;
        Live.OrderUpdated += OnOrderUpdatedAsync;
    }

    protected override async Task OnParametersSetAsync()
    {
        await base.OnParametersSetAsync();
        if (Detail is null)
        {
            return;
        }

        Cart.Attach(State);
        if (ProductQuery != _productQueryHandled)
        {
            _productQueryHandled = ProductQuery;
            _product = ProductQuery is { } productId ? State.ItemFor(productId) : null;
            _lastChosen = _product?.ProductId ?? _lastChosen;
        }
    }

    private void OnReactions(int added) => _ = InvokeAsync(() => _hearts?.Float(added));

    private void OnCartChanged() => _ = InvokeAsync(StateHasChanged);

    private Task OnPurchaseToastAsync(PurchaseToastDto toast) => InvokeAsync(() => _toasts?.Show(toast));

    /// <summary>An order placed here changed (PendingPayment → Paid, say): tell the buyer.</summary>
    private Task OnOrderUpdatedAsync(OrderDto order) => InvokeAsync(() =>
    {
        if (_placedHere.TryGetValue(order.Id, out var known) && known != order.Status)
        {
            _placedHere[order.Id] = order.Status;
            Snackbar.Add(OrderStatusChip.Sentence(order), OrderStatusChip.SeverityOf(order.Status));
        }
    });

    private void OrderPlaced(OrderDto order) => _placedHere[order.Id] = order.Status;

    /// <summary>Buy: one more in the cart and the cart open.</summary>
    private void Buy(LineupItemDto item)
    {
        _lastChosen = item.ProductId;
        AddOrWarn(item);
        _product = null;
        _cartOpen = true;
    }

    private void AddToCart(LineupItemDto item)
    {
        _lastChosen = item.ProductId;
        if (AddOrWarn(item))
        {
            Snackbar.Add($"{item.Name} is in your cart.", Severity.Normal, options =>
            {
                options.Action = "View cart";
                options.OnClick = _ => InvokeAsync(OpenCart);
            });
        }
    }

    private bool AddOrWarn(LineupItemDto item)
    {
        if (Cart.Add(item))
        {
            return true;
        }

        Snackbar.Add($"An order holds up to {Limits.OrderMaxLines} different products. Place this one first, then start another.", Severity.Warning);
        return false;
    }

    private void OpenCart()
    {
        _product = null;
        _cartOpen = true;
    }

    private void OpenProduct(LineupItemDto item)
    {
        _cartOpen = false;
        _lastChosen = item.ProductId;
        _product = item;
    }

    private void CloseProduct() => _product = null;

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
        Cart.Changed -= OnCartChanged;
        Cart.Detach(State);
        Live.PurchaseToast -= OnPurchaseToastAsync;
        Live.OrderUpdated -= OnOrderUpdatedAsync;
        return base.DisposeAsync();
    }
}
