using System.Security.Claims;
using System.Security.Cryptography;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Creators;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Payments;
using LiveShop.Server.Features.Security;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Orders;

/// <summary>What placing an order gave: the order, and whether this request created it (false: the key was seen before).</summary>
public sealed record PlacedOrder(OrderDto Order, bool Created);

/// <summary>
/// A buyer places an order in a show. The server prices every line itself (the flash price only
/// while the sale runs by the server's clock, within its units and the per-buyer cap) and refuses
/// when that differs from the price the buyer saw. Flash units, the buyer's flash allowance and
/// stock are taken by conditional updates inside one transaction with the order, the room
/// events and the shop's order.created event, so nothing oversells and a refusal leaves nothing
/// behind. Only the methods the shop takes are accepted (<see cref="CheckoutMethods"/>). Payment
/// starts after the stock is held: the test gateway charges the card at once (a decline gives it
/// all back); with Stripe the order stays <see cref="OrderStatus.PendingPayment"/> until
/// <see cref="Order.HoldExpiresAt"/> while the buyer's browser pays; a bank transfer waits as
/// <see cref="OrderStatus.AwaitingTransfer"/> for the shop's days. The same idempotency key from the
/// same buyer always answers with the same order.
/// </summary>
public sealed partial class PlaceOrder(
    LiveShopDbContext db,
    RoomWriter writer,
    CheckoutMethods checkout,
    OrderPayments payments,
    OrderNotifier notifier,
    OrderQueries queries,
    FlashSaleBook flashSaleBook,
    EndedFlashPriceBuyers endedFlashPriceBuyers,
    FlashSales flashSales,
    StockFanout stockFanout,
    TimeProvider clock,
    IOptions<AttributionOptions> attribution,
    IOptions<PaymentOptions> paymentOptions,
    IdentityKeys identityKeys,
    IOptions<IdentityOptions> identityOptions,
    LiveShopMetrics metrics,
    ILiveClients clients,
    Gifts.GiftLinks giftLinks)
{
    public async Task<PlacedOrder> ExecuteAsync(ClaimsPrincipal caller, string? idempotencyKey, PlaceOrderRequest? request, Guid? visitorId, CancellationToken cancellationToken = default)
    {
        var buyerId = caller.RequireUserId();
        var key = ValidateKey(idempotencyKey);
        Validate(request);
        var hash = Hash(request!);

        // Only as many buyers as there are flash units left go on at a time; the rest wait in memory for a unit or the end.
        var admitted = await flashSaleBook.AdmitAsync(request!.ShowId, request.Lines.Select(l => (l.ProductId, l.VariantId, l.ExpectedUnitPrice, l.Quantity)), cancellationToken);
        IReadOnlyDictionary<Guid, CheckoutOffer> offers;
        IReadOnlyList<Order> orders;
        try
        {
            // A sell-out stampede is answered here, from memory: only buyers who ordered at that price could be retrying.
            await RefuseEndedFlashPricesAsync(buyerId, request!);
            if (await FindExistingAsync(buyerId, key, hash, cancellationToken) is { } seen)
            {
                return await ReplayOutsideTheDoorAsync(admitted, seen, cancellationToken);
            }

            try
            {
                RefuseEndedFlashPrices(request!);
                offers = await checkout.ForLinesAsync(request!.ShowId, [.. request.Lines.Select(l => l.ProductId)], cancellationToken);
                foreach (var offer in offers.Values)
                {
                    checkout.RequireTakes(offer, request.Payment);
                }

                var (stored, created) = await writer.WriteAsync(request!.ShowId, async room =>
                {
                    // Checked again under the show's lock: of two racing requests with one key, the second sees the first.
                    var existing = await FindExistingAsync(buyerId, key, hash, cancellationToken);
                    return existing is not null
                        ? ([existing], false)
                        : (await ReserveAsync(room, buyerId, key, hash, request, offers, visitorId, cancellationToken), true);
                }, cancellationToken, precheck: () => RefuseEndedFlashPrices(request), recheckWhen: () => flashSaleBook.NextEnding(request.ShowId));
                if (!created)
                {
                    return await ReplayOutsideTheDoorAsync(admitted, stored[0], cancellationToken);
                }

                orders = stored;

                // The claims these lines paid for are the orders' now: their claimants' other pages and the hosts' lists hear it.
                if (request.Lines.Any(l => l.ClaimId is not null))
                {
                    var claimIds = request.Lines.Where(l => l.ClaimId is not null).Select(l => l.ClaimId!.Value).ToList();
                    var paid = await db.ChatClaims.AsNoTracking().Where(c => claimIds.Contains(c.Id)).ToListAsync(CancellationToken.None);
                    await Claims.ChatClaims.TellAsync(db, clients, request.ShowId, paid, CancellationToken.None);
                }

                // The order's show learned the new stock in its own change; the other shows carrying these products learn it now.
                stockFanout.Changed(request.ShowId, orders.SelectMany(o => o.Lines).Select(l => l.ProductId));
            }
            catch (DomainException refusal) when (refusal.Code == ProblemCodes.FlashSaleEnded)
            {
                // The sale sold out while this request waited for the lock. If an identical request (same key) won it, answer with that order.
                var won = await FindExistingAsync(buyerId, key, hash, cancellationToken);
                if (won is null)
                {
                    throw;
                }

                return await ReplayOutsideTheDoorAsync(admitted, won, cancellationToken);
            }
            catch (DomainException refusal) when (refusal.Code == ProblemCodes.OutOfStock && refusal.Extensions.GetValueOrDefault("flashSaleId") is Guid saleId)
            {
                // Stock is shared with list-price buyers and other shows: when it runs out under a flash sale,
                // the sale cannot deliver its remaining units, so it ends for everyone now (not "30 left" forever).
                await flashSales.EndIfStockGoneAsync(request!.ShowId, saleId, CancellationToken.None);
                throw;
            }
            catch (DbUpdateException)
            {
                // Another server instance stored the same key first: the unique index kept it to one order.
                var raced = await FindExistingAsync(buyerId, key, hash, cancellationToken);
                if (raced is null)
                {
                    throw;
                }

                return await ReplayOutsideTheDoorAsync(admitted, raced, cancellationToken);
            }
        }
        finally
        {
            // Stored (the units are counted sold by now) or refused: the next buyer in line may go.
            admitted.Dispose();
        }

        // From here on the stock is held: finish without the request's token, so a buyer closing the tab
        // cannot leave the order half done (charged but not recorded, or declined but still holding stock).
        // A checkout in a creator's show is one order per brand, each paid with its brand's processor.
        // Every order is started even when one fails; the buyer hears of a failure alone only when nothing else went through.
        var placed = new List<OrderDto>();
        var failures = new List<DomainException>();
        foreach (var stored in orders)
        {
            var order = stored;
            var offer = offers[order.ShopId];
            PaymentSessionDto? session = null;
            string? declinedBecause = null;
            if (order.Status == OrderStatus.PendingPayment)
            {
                try
                {
                    (order, session, declinedBecause) = await payments.StartAsync(order, offer.Card!, request!.Payment);
                }
                catch (DomainException pending) when (pending.Code == ProblemCodes.PaymentPending)
                {
                    // The gateway did not answer: the order waits for the reconciler, its stock held.
                    failures.Add(pending);
                }
            }

            metrics.OrderPlaced(order.Currency);
            var dto = await queries.ToDtoAsync(order, CancellationToken.None);
            await notifier.OrderChangedAsync(dto, isNew: true);
            if (order.Status == OrderStatus.PaymentDeclined)
            {
                failures.Add(Declined(order, declinedBecause));
            }

            placed.Add(dto with
            {
                PaymentSession = session,
                PaymentInstructions = order.Status == OrderStatus.AwaitingTransfer ? CheckoutMethods.TransferInstructions(offer, order) : null,
            });
        }

        if (failures.Count == placed.Count)
        {
            throw failures[0];
        }

        // Some went through: 201 with every order, each with its status (a declined or pending one says so in it).
        return new PlacedOrder(giftLinks.ForBuyer(Together(placed)), Created: true);
    }

    /// <summary>The first order, with the other brands' orders of the same checkout (none: a shop's own show).</summary>
    private static OrderDto Together(IReadOnlyList<OrderDto> placed) =>
        placed.Count == 1 ? placed[0] : placed[0] with { AlsoPlaced = placed.Skip(1).ToList() };

    /// <summary>
    /// The idempotency key of the checkout's n-th order after the first (n from 1): derived from the first order's id,
    /// so a replay of the buyer's key finds the first order, then these.
    /// </summary>
    private static string SiblingKey(Guid firstOrderId, int n) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{firstOrderId:N}/{n}");

    private static string SiblingKeyPrefix(Guid firstOrderId) => $"{firstOrderId:N}/";

    /// <summary>A retry answered with its order: it takes no unit, so the next buyer at the door goes in first.</summary>
    private Task<PlacedOrder> ReplayOutsideTheDoorAsync(IDisposable admitted, Order seen, CancellationToken cancellationToken)
    {
        admitted.Dispose();
        return ReplayAsync(seen, cancellationToken);
    }

    /// <summary>
    /// Holds everything and adds the orders: one for the show's shop, or in a creator's show one per brand whose products
    /// the buyer takes (first the brand of the first line). All of them or none: any refusal undoes the whole checkout.
    /// </summary>
    private async Task<IReadOnlyList<Order>> ReserveAsync(RoomChange room, Guid buyerId, string key, string hash, PlaceOrderRequest request, IReadOnlyDictionary<Guid, CheckoutOffer> offers, Guid? visitorId, CancellationToken cancellationToken)
    {
        var now = room.Now;
        var show = await db.Shows.AsNoTracking()
            .Include(s => s.Lineup).ThenInclude(l => l.Product)
            .SingleOrDefaultAsync(s => s.Id == request.ShowId, cancellationToken)
            ?? throw DomainException.ShowNotFound();
        var inShow = show.Status switch
        {
            ShowStatus.Scheduled => throw DomainException.Conflict(ProblemCodes.ShowNotLive, "“{0}” has not gone live yet: buying opens when the show starts.", show.Title),
            ShowStatus.Live => SalesChannel.Live,
            _ => SalesChannel.Replay,
        };

        var buyer = await db.Users.SingleOrDefaultAsync(u => u.Id == buyerId, cancellationToken)
            ?? throw DomainException.NotSignedIn("Your account no longer exists. Sign in again.");

        // Remembered for the next checkout (saved with the order, or not at all). A gift has none: the recipient gives theirs.
        if (request.ShippingAddress is { } address)
        {
            buyer.SavedAddress = ShippingAddress.From(address);
        }

        var lines = new List<(PlaceOrderLine Line, Catalog.Product Product)>();
        foreach (var line in request.Lines)
        {
            var item = show.Lineup.FirstOrDefault(l => l.ProductId == line.ProductId)
                ?? throw await NotInShowAsync(line.ProductId, cancellationToken);
            lines.Add((line, item.Product!));
        }

        if (request.Gift is not null && lines.Select(l => l.Product.ShopId).Distinct().Count() > 1)
        {
            // One link, one address, one parcel: a gift comes from one seller.
            throw DomainException.Invalid(ProblemCodes.GiftInvalid, "A gift comes from one seller: these items come from several. Buy each seller's items as a gift on its own.");
        }

        var orders = new List<Order>();
        foreach (var brand in lines.GroupBy(l => l.Product.ShopId))
        {
            if (!offers.ContainsKey(brand.Key))
            {
                // The lineup changed between reading the payment offers and taking the lock: ask again.
                throw DomainException.Invalid(ProblemCodes.ProductNotInLineup, "That product is not in this show's lineup.");
            }

            var n = orders.Count;
            orders.Add(await ReserveForBrandAsync(
                room, show, buyer, n == 0 ? key : SiblingKey(orders[0].Id, n), hash, request, brand.Key, offers[brand.Key], [.. brand], inShow, visitorId, cancellationToken));
        }

        return orders;
    }

    private async Task<Order> ReserveForBrandAsync(
        RoomChange room, Show show, AppUser buyer, string key, string hash, PlaceOrderRequest request, Guid shopId, CheckoutOffer offer,
        IReadOnlyList<(PlaceOrderLine Line, Catalog.Product Product)> lines, SalesChannel channel, Guid? visitorId, CancellationToken cancellationToken)
    {
        var now = room.Now;
        var buyerId = buyer.Id;

        // A brand's products in a creator's own show: the show itself is the creator's link, touched now.
        var ownShow = shopId == show.ShopId ? null
            : await CreatorShowLinks.FindAsync(db, show.Id, show.HostId, cancellationToken) is { } code ? new CreatorShowTouch(code, show.HostId) : null;
        var (touches, creators) = await CreatorTerms.ReadAsync(db, show.Id, shopId, buyerId, visitorId, now, attribution.Value.Window, cancellationToken, ownShow);
        if (shopId != show.ShopId && lines.FirstOrDefault(l => !creators.Opens(show.HostId, l.Product.Id)) is { Product: { } withdrawn })
        {
            throw DomainException.Conflict(ProblemCodes.ProductWithdrawn, "{0} no longer sells “{1}” in this show.", offer.ShopName, withdrawn.Name);
        }

        if (touches.Any(t => t.Code != ownShow?.Code))
        {
            channel = SalesChannel.Link;
        }

        var payment = request.Payment;
        // Only the test gateway ever sees a card number; with Stripe the card goes from the browser to Stripe.
        var cardDigits = payment.Method == PaymentMethod.Card && offer.Card?.Processor == CardProcessor.TestGateway ? TestCards.Normalize(payment.CardNumber) : null;
        // The cap also counts by browser, shipping address and card, so fresh guests share one allowance (docs/security.md).
        var buyerKeys = identityOptions.Value.CapFlashSalesByIdentity
            ? new BuyerKeys(visitorId is { } visitor ? identityKeys.Visitor(visitor) : null, request.ShippingAddress is { } shipTo ? identityKeys.Shipping(shipTo) : identityKeys.GiftShipping(buyerId), identityKeys.Card(cardDigits))
            : null;
        var order = new Order(Guid.CreateVersion7(), OrderNumbers.Next(), buyerId, buyer.DisplayName, show.Id, show.HostId, show.CoHostId, channel,
            show.Currency, request.ShippingAddress is { } to ? ShippingAddress.From(to) : ShippingAddress.None, payment.Method, cardDigits?[^4..], key, hash, now);
        order.SoldBy(shopId);

        switch (payment.Method)
        {
            case PaymentMethod.Card:
                order.HoldUntil(now.AddMinutes(paymentOptions.Value.HoldMinutes));
                break;
            case PaymentMethod.BankTransfer:
                order.HoldUntil(now.AddDays(offer.BankTransferDays));
                order.ReferPayment(CheckoutMethods.TransferReference(order));
                break;
            case PaymentMethod.CashOnDelivery:
                break;
        }

        if (request.Gift is { } gift)
        {
            // A transfer may take its days first: the friend's days to accept start when it is due, not before.
            var from = payment.Method == PaymentMethod.BankTransfer && order.HoldExpiresAt is { } due ? due : now;
            order.MakeGift(GiftMessage(gift), from.AddDays(offer.GiftAcceptDays));
        }

        foreach (var (line, product) in lines)
        {
            var variant = await OrderLineStock.VariantOfAsync(db, product, line.VariantId, cancellationToken);
            var name = OrderLineStock.NameOf(product, variant);
            // In the show's currency: the main price (or the variant's override) or the product's extra price there.
            var listPrice = (variant is null ? product.PriceIn(show.Currency) : variant.PriceIn(product, show.Currency))
                ?? throw DomainException.Conflict(ProblemCodes.LineupCurrencyMismatch, "“{0}” is no longer sold in {1}.", product.Name, show.Currency);

            // A "+1" claim's unit is already held for the buyer, at the price it was claimed at: it becomes the order's.
            if (line.ClaimId is { } claimId)
            {
                var claimed = await Claims.ChatClaims.OrderAsync(db, claimId, buyerId, show.Id, product, variant, line.Quantity, line.ExpectedUnitPrice, order.Id, now, cancellationToken);
                order.AddLine(product.Id, product.Name, product.ImageUrl, line.Quantity, claimed.UnitPrice, listPrice, null, variant?.Id, variant?.Label);
                continue;
            }

            // A sale on chosen variants leaves the others at their list price.
            var sale = await db.FlashSales.AsNoTracking()
                .Where(s => s.ShowId == show.Id && s.ProductId == product.Id && s.EndedAt == null && s.EndsAt > now && s.Sold < s.QuantityCap)
                .SingleOrDefaultAsync(cancellationToken);
            if (sale is not null && !sale.AppliesTo(variant?.Id))
            {
                sale = null;
            }

            // The flash price applies only within the sale's units left and the buyer's own allowance (across the
            // sale's variants, this order's earlier lines included); beyond them the list price does.
            var pending = sale is null ? null : db.FlashSaleClaims.Local.FirstOrDefault(c => c.SaleId == sale.Id && c.BuyerId == buyerId);
            var held = sale is null ? null : pending?.Units ?? await HeldAsync(sale.Id, buyerId, cancellationToken);
            var heldByKeys = sale is null || buyerKeys is null ? 0 : await buyerKeys.HeldAsync(db, sale.Id, cancellationToken);
            var flash = sale is not null && FlashApplies(sale, Math.Max(held ?? 0, heldByKeys), line, name, listPrice, show.Currency) ? sale : null;
            var price = flash?.Price ?? listPrice;
            if (line.ExpectedUnitPrice != price)
            {
                throw await PriceChangedAsync(show, product.Id, variant?.Id, name, line.ExpectedUnitPrice, price, now, cancellationToken);
            }

            if (flash is not null)
            {
                await ClaimFlashUnitsAsync(room, flash, buyerId, line.Quantity, held, pending, name, cancellationToken);
                if (buyerKeys is not null)
                {
                    ClaimByKeys(flash.Id, order.Id, buyerKeys, line.Quantity);
                }
            }

            await OrderLineStock.TakeAsync(db, product, variant, line.Quantity, flash?.Id, cancellationToken);

            // The room learns the stock in this change; once the stock a running flash sale of the product sells from is gone, the sale ends as sold out.
            await ProductStock.EmitAsync(db, room, show.Id, product.Id, cancellationToken);

            order.AddLine(product.Id, product.Name, product.ImageUrl, line.Quantity, price, listPrice, flash?.Id, variant?.Id, variant?.Label);
        }

        order.CreditTouches(touches);
        creators.Rate(order);
        db.Orders.Add(order);
        ShopEvents.Order(db, ShopEventTypes.OrderCreated, OrderQueries.ToDto(order, show.Title, new Dictionary<Guid, string>()), now);
        return order;
    }

    /// <summary>The units the buyer holds at this flash price; null when they never claimed any (no claim row yet).</summary>
    private Task<int?> HeldAsync(Guid saleId, Guid buyerId, CancellationToken cancellationToken) =>
        db.FlashSaleClaims.Where(c => c.SaleId == saleId && c.BuyerId == buyerId).Select(c => (int?)c.Units).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Records who took these flash units by browser, shipping address and card (one row per order and sale).</summary>
    private void ClaimByKeys(Guid saleId, Guid orderId, BuyerKeys keys, int quantity)
    {
        if (db.FlashSaleIdentityClaims.Local.FirstOrDefault(c => c.SaleId == saleId && c.OrderId == orderId) is { } pending)
        {
            pending.AddUnits(quantity);
            return;
        }

        db.FlashSaleIdentityClaims.Add(new FlashSaleIdentityClaim(saleId, orderId, keys.Visitor, keys.Shipping, keys.Payment, quantity));
    }

    /// <summary>
    /// The buyer's allowance, then the sale's units: both conditional, both undone with the transaction
    /// on any refusal. <paramref name="held"/> was read under the same lock; the conditions still guard
    /// against another server instance (the claim's key refuses a second first claim).
    /// </summary>
    private async Task ClaimFlashUnitsAsync(RoomChange room, FlashSale sale, Guid buyerId, int quantity, int? held, FlashSaleClaim? pending, string productName, CancellationToken cancellationToken)
    {
        var cap = sale.PerBuyerCap;
        if (pending is not null)
        {
            // This order's earlier line (another variant) made the claim: not saved yet, and within the cap (checked with its units).
            pending.AddUnits(quantity);
        }
        else if (held is null)
        {
            db.FlashSaleClaims.Add(new FlashSaleClaim(sale.Id, buyerId, quantity));
        }
        else if (await db.FlashSaleClaims
            .Where(c => c.SaleId == sale.Id && c.BuyerId == buyerId && c.Units + quantity <= cap)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Units, x => x.Units + quantity), cancellationToken) == 0)
        {
            throw DomainException.Conflict(ProblemCodes.PerBuyerCapReached, "At the flash price, each buyer can get at most {0} of “{1}”.", cap, productName);
        }

        await FlashSales.TakeUnitsAsync(db, room, sale.ShowId, sale.Id, quantity, productName, cancellationToken);
    }

    /// <summary>
    /// Refuses, before the idempotency lookup, a flash price this server saw end when the buyer has no order
    /// at a flash price of that product in the show: none of their earlier requests can be replayed with it.
    /// </summary>
    private async Task RefuseEndedFlashPricesAsync(Guid buyerId, PlaceOrderRequest request)
    {
        foreach (var line in request.Lines)
        {
            if (flashSaleBook.EndedAt(request.ShowId, line.ProductId, line.ExpectedUnitPrice, line.VariantId) is { } ended
                && !await endedFlashPriceBuyers.MayHaveOrderedAsync(request.ShowId, line.ProductId, ended, buyerId))
            {
                throw Ended(line, ended);
            }
        }
    }

    /// <summary>
    /// Refuses at once, without the show's lock, a flash price this server saw end (sold out, expired,
    /// ended by the host) while no other runs on that product: what most of a sell-out stampede asks for.
    /// </summary>
    private void RefuseEndedFlashPrices(PlaceOrderRequest request)
    {
        foreach (var line in request.Lines)
        {
            if (flashSaleBook.EndedAt(request.ShowId, line.ProductId, line.ExpectedUnitPrice, line.VariantId) is { } ended)
            {
                throw Ended(line, ended);
            }
        }
    }

    /// <summary>The refusal of a line that expects a flash price this server saw end.</summary>
    private DomainException Ended(PlaceOrderLine line, EndedFlashSale ended) =>
        FlashPriceEnded(null, ended.Reason == FlashSaleEndReason.SoldOut, ended.EndedAt, clock.GetUtcNow(),
            ended.ListPrice, ended.Currency, PriceFacts(line.ProductId, line.VariantId, line.ExpectedUnitPrice, ended.ListPrice, ended.Currency));

    private async Task<DomainException> PriceChangedAsync(Show show, Guid productId, Guid? variantId, string name, decimal expected, decimal current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var extensions = PriceFacts(productId, variantId, expected, current, show.Currency);

        // Only a sale that was for this variant explains the buyer's price (another variant's flash price never applied to it).
        var ended = (await db.FlashSales.AsNoTracking()
            .Where(s => s.ShowId == show.Id && s.ProductId == productId && s.Price == expected)
            .OrderByDescending(s => s.StartsAt)
            .Take(20)
            .ToListAsync(cancellationToken))
            .FirstOrDefault(s => s.AppliesTo(variantId));
        if (ended is not null && !ended.IsRunning(now))
        {
            return FlashPriceEnded(name, ended.Sold >= ended.QuantityCap, ended.EndedAt ?? ended.EndsAt, now, current, show.Currency, extensions);
        }

        return DomainException.Conflict(ProblemCodes.PriceChanged,
            "The price of “{0}” is now {1} (you saw {2}).", extensions, name, Money(current, show.Currency), Money(expected, show.Currency));
    }

    private async Task<DomainException> NotInShowAsync(Guid productId, CancellationToken cancellationToken) =>
        await db.Products.AnyAsync(p => p.Id == productId, cancellationToken)
            ? DomainException.Invalid(ProblemCodes.ProductNotInLineup, "That product is not in this show's lineup.")
            : DomainException.NotFound(ProblemCodes.ProductNotFound, "There is no product with that id.");

    /// <summary>
    /// Whether the buyer already has an order with this key: a compiled query (no LINQ translation, no
    /// split query, nothing materialized), since every attempt asks it, most of them with a new key.
    /// </summary>
    private static readonly Func<LiveShopDbContext, Guid, string, CancellationToken, Task<bool>> KeyUsed =
        EF.CompileAsyncQuery((LiveShopDbContext context, Guid buyerId, string key, CancellationToken _) =>
            context.Orders.Any(o => o.BuyerId == buyerId && o.IdempotencyKey == key));

    private async Task<Order?> FindExistingAsync(Guid buyerId, string key, string hash, CancellationToken cancellationToken)
    {
        if (!await KeyUsed(db, buyerId, key, cancellationToken))
        {
            return null;
        }

        var existing = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.BuyerId == buyerId && o.IdempotencyKey == key, cancellationToken);
        if (existing is not null && existing.RequestHash != hash)
        {
            throw DomainException.Conflict(ProblemCodes.IdempotencyKeyReused, "This idempotency key was already used for a different order (#{0}). Use a new key for a new order.", existing.Number);
        }

        return existing;
    }

    private static readonly TimeSpan PendingReplayPatience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PendingReplayPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The answer to a request seen before: its order, or with the other brands' orders of the same checkout each as it
    /// stands (refused as a whole only when every one of them was declined, as the first answer was).
    /// </summary>
    private async Task<PlacedOrder> ReplayAsync(Order order, CancellationToken cancellationToken)
    {
        var siblings = await SiblingsAsync(db, order, cancellationToken);
        if (siblings.Count == 0)
        {
            return new PlacedOrder(await ReplayOneAsync(order, cancellationToken), Created: false);
        }

        IReadOnlyList<Order> all = [order, .. siblings];
        if (all.All(o => o.Status == OrderStatus.PaymentDeclined))
        {
            throw Declined(order);
        }

        var placed = new List<OrderDto>();
        foreach (var each in all)
        {
            placed.Add(await payments.WithPaymentAsync(each, cancellationToken));
        }

        return new PlacedOrder(Together(placed), Created: false);
    }

    /// <summary>
    /// The other brands' orders placed by the same checkout as <paramref name="first"/>, in order: the buyer's orders
    /// under the keys derived from its id, made from the same request (a key of that shape the buyer chose is not one).
    /// </summary>
    internal static async Task<IReadOnlyList<Order>> SiblingsAsync(LiveShopDbContext db, Order first, CancellationToken cancellationToken)
    {
        var prefix = SiblingKeyPrefix(first.Id);
        var candidates = await db.Orders.AsNoTracking()
            .Where(o => o.BuyerId == first.BuyerId && o.IdempotencyKey.StartsWith(prefix) && o.RequestHash == first.RequestHash && o.ShowId == first.ShowId)
            .ToListAsync(cancellationToken);
        return [.. candidates
            .Select(o => (Order: o, N: int.TryParse(o.IdempotencyKey.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0))
            .Where(o => o.N > 0)
            .OrderBy(o => o.N)
            .Select(o => o.Order)];
    }

    private async Task<OrderDto> ReplayOneAsync(Order order, CancellationToken cancellationToken)
    {
        if (order.Status == OrderStatus.PaymentDeclined)
        {
            throw Declined(order);
        }

        // Paid in the buyer's browser (Stripe): the order waits for the buyer, not for a charge; answer with its session again.
        if (OrderPayments.PaidInBrowser(order))
        {
            return await payments.WithPaymentAsync(order, cancellationToken);
        }

        // An identical request is still charging the card: wait for its answer (a few seconds at most) and give the same one.
        var waited = TimeSpan.Zero;
        while (order.Status == OrderStatus.PendingPayment && waited < PendingReplayPatience)
        {
            await Task.Delay(PendingReplayPoll, cancellationToken);
            waited += PendingReplayPoll;
            order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id, cancellationToken);
        }

        if (order.Status == OrderStatus.PaymentDeclined)
        {
            throw Declined(order);
        }

        if (order.Status == OrderStatus.PendingPayment)
        {
            throw PaymentPending(order);
        }

        return await payments.WithPaymentAsync(order, cancellationToken);
    }

}

/// <summary>Order numbers: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), random.</summary>
public static class OrderNumbers
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string Next() => string.Create(8, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });
}
