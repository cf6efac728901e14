using System.Globalization;
using System.Net;
using System.Threading.Channels;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Email;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Fulfilment;

/// <summary>
/// The mail a buyer gets when their order changes: the order number, a sentence saying where it is, the tracking
/// link when it has shipped, what was refunded, and a link to the order's page.
/// </summary>
public static class OrderMail
{
    /// <summary>The mail for this state of the order, or null when there is nothing to tell (still waiting for the card's answer).</summary>
    /// <param name="orderLink">The order's page, or null when this server does not know its public address.</param>
    public static EmailMessage? Compose(string to, OrderDto order, string? orderLink)
    {
        var refundOnly = IsRefundOnly(order);
        var (headline, sentence) = refundOnly
            ? ("money refunded", $"{Money(order.RefundedAmount, order.Currency)} of your order has been refunded to you.")
            : Describe(order);
        if (headline is null)
        {
            return null;
        }

        var lines = new List<string> { $"Hi {order.BuyerName},", "", sentence };
        if (!refundOnly && order.Status == OrderStatus.Shipped && order.Shipment is { } shipment)
        {
            lines.Add("");
            lines.Add($"Carrier: {shipment.Carrier}");
            if (shipment.TrackingNumber.Length > 0)
            {
                lines.Add($"Tracking number: {shipment.TrackingNumber}");
            }

            if (shipment.TrackingUrl is { } url)
            {
                lines.Add($"Follow the parcel: {url}");
            }
        }

        if (order.RefundedAmount > 0 && !refundOnly)
        {
            lines.Add("");
            lines.Add($"Refunded so far: {Money(order.RefundedAmount, order.Currency)} of {Money(order.Total, order.Currency)}.");
        }

        lines.Add("");
        lines.Add($"Order #{order.Number} from “{order.ShowTitle}”: " + string.Join(", ", order.Lines.Select(l => $"{l.Quantity} × {l.Name}{(l.VariantLabel is { } v ? $" ({v})" : "")}")) + ".");
        if (orderLink is not null)
        {
            lines.Add("");
            lines.Add($"See your order: {orderLink}");
        }

        lines.Add("");
        lines.Add("— LiveShop");
        var text = string.Join("\n", lines) + "\n";
        var html = string.Concat(lines.Where(l => l.Length > 0).Select(l => $"<p>{Linked(l)}</p>"));
        return new EmailMessage(to, $"Order #{order.Number}: {headline}", text, html);
    }

    /// <summary>A refund that did not change the status (part of an order): the last history step is older than the order's last change.</summary>
    private static bool IsRefundOnly(OrderDto order) =>
        order.RefundedAmount > 0 && order.History is { Count: > 0 } history && history[^1].At < order.UpdatedAt
        && order.Status is not (OrderStatus.Refunded or OrderStatus.Cancelled);

    private static (string? Headline, string Sentence) Describe(OrderDto order) => order.Status switch
    {
        OrderStatus.PendingPayment => (null, ""),
        OrderStatus.Paid => ("paid", $"We have your payment of {Money(order.Total, order.Currency)}. The shop is getting your order ready."),
        OrderStatus.CashOnDelivery => ("confirmed", $"Your order is confirmed. You pay {Money(order.Total, order.Currency)} to the courier on delivery."),
        OrderStatus.AwaitingTransfer => ("waiting for your transfer",
            $"Your order is reserved. Please transfer {Money(order.Total, order.Currency)}" + (order.PaymentReference is { } reference ? $" with the reference {reference}" : "")
            + (order.HoldExpiresAt is { } until ? $" by {until.UtcDateTime.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} UTC" : "") + "."
            + (order.PaymentInstructions is { } instructions ? " " + instructions : "")),
        OrderStatus.PaymentDeclined => ("payment declined", "Your card was declined, so the order was not placed. Nothing was charged."),
        OrderStatus.Packed => ("packed", "Your order is packed and waiting for the carrier."),
        OrderStatus.Shipped => ("shipped", order.Shipment is { } s ? $"Your order is on its way with {s.Carrier}." : "Your order is on its way."),
        OrderStatus.Delivered => ("delivered", "Your order was delivered. Enjoy it!"),
        OrderStatus.Cancelled => ("cancelled", "Your order was cancelled." + (order.RefundedAmount > 0 ? $" {Money(order.RefundedAmount, order.Currency)} goes back to you." : "")
            + (order.History is { Count: > 0 } h && h[^1].Note is { } note ? $" Reason: {note}" : "")),
        OrderStatus.Refunded => ("refunded", $"Your order was refunded: {Money(order.RefundedAmount, order.Currency)} goes back to you."),
        OrderStatus.Returned => ("returned", "The shop received your return."),
    };

    private static string Money(decimal amount, string currency) => $"{currency} {amount.ToString("#,0.##", CultureInfo.InvariantCulture)}";

    private static string Linked(string line)
    {
        var at = line.IndexOf("http", StringComparison.Ordinal);
        if (at < 0 || (!line.AsSpan(at).StartsWith("http://", StringComparison.Ordinal) && !line.AsSpan(at).StartsWith("https://", StringComparison.Ordinal)))
        {
            return WebUtility.HtmlEncode(line);
        }

        var url = line[at..];
        return WebUtility.HtmlEncode(line[..at]) + $"<a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a>";
    }
}

/// <summary>
/// Mails order changes to their buyers in the background, one after another, so an order (a flash-sale burst
/// included) never waits for a mail server. Guests and accounts without an address get none; a mail that fails is
/// logged and dropped (the order's page and its live updates stay the source of truth). When the queue is full
/// (1,000 waiting) the newest mail is dropped (logged once per thousand).
/// </summary>
public sealed class OrderMailQueue(
    IServiceScopeFactory scopes,
    EmailDelivery delivery,
    IOptions<EmailOptions> options,
    IHttpContextAccessor http,
    ILogger<OrderMailQueue> logger) : BackgroundService
{
    private readonly Channel<(OrderDto Order, string? Root)> _queue = Channel.CreateBounded<(OrderDto, string?)>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _dropped;

    /// <summary>Queues the mail for this change of the order (nothing when this server cannot send mail).</summary>
    public void Enqueue(OrderDto order)
    {
        if (!delivery.CanSend)
        {
            return;
        }

        if (!_queue.Writer.TryWrite((order, LinkRoot())) && Interlocked.Increment(ref _dropped) % 1000 == 1)
        {
            // Once per thousand, so a burst that fills the queue does not flood the log as well.
            logger.LogWarning("The order mail queue is full: {Dropped} mails dropped so far (order #{Number} is one).", _dropped, order.Number);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (order, root) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
                var to = await db.Users.Where(u => u.Id == order.BuyerId && !u.IsGuest && u.Email != null).Select(u => u.Email).SingleOrDefaultAsync(stoppingToken);
                if (to is null || OrderMail.Compose(to, order, root is null ? null : $"{root}orders/{order.Id}") is not { } mail)
                {
                    continue;
                }

                await scope.ServiceProvider.GetRequiredService<IEmailSender>().SendAsync(mail, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Order #{Number}: the mail about {Status} was not sent: {Reason}", order.Number, order.Status, e.Message);
            }
        }
    }

    /// <summary><c>Email:LinkBaseUrl</c>, else the address the current request came to, else none.</summary>
    private string? LinkRoot()
    {
        if (!string.IsNullOrEmpty(options.Value.LinkBaseUrl))
        {
            return options.Value.LinkBaseUrl.TrimEnd('/') + "/";
        }

        return http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}{request.PathBase}/" : null;
    }
}
