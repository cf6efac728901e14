using System.Collections.Concurrent;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// What this server knows of each product's flash price from the room events it committed: the
/// running sale, and the last one that ended. Orders use it to refuse an ended flash price at once,
/// without the show's lock or a transaction — the common case when thousands press Buy on a sale
/// that just sold out. It only ever answers "refuse"; anything it does not know (after a restart, a
/// sale started elsewhere) goes the full, locked way.
/// <para>
/// It also keeps the door of each running sale (<see cref="AdmitAsync"/>): only as many buyers as there are
/// units left go on to the database and the show's lock at a time; the rest wait in memory, in arrival order,
/// for a unit to come back or for the sale to end — and then are refused from memory. A stampede of 5,000 on
/// 100 units thus costs the database about 100 orders, not 5,000 reads.
/// </para>
/// </summary>
public sealed class FlashSaleBook : IRoomObserver
{
    private readonly ConcurrentDictionary<Guid, SaleDoor> _doors = new();
    private readonly ConcurrentDictionary<(Guid Show, Guid Product), FlashSaleDto> _running = new();
    private readonly ConcurrentDictionary<(Guid Show, Guid Product), EndedFlashSale> _ended = new();
    private readonly ConcurrentDictionary<Guid, FlashSaleDto> _byId = new();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _endings = new();

    /// <summary>
    /// Fires when a flash sale of the show ends (sold out, time, host): buyers queued for the show's lock
    /// check <see cref="EndedAt"/> again at once instead of waiting their turn to be refused.
    /// </summary>
    public CancellationToken NextEnding(Guid showId) => _endings.GetOrAdd(showId, _ => new CancellationTokenSource()).Token;

    /// <summary>Called with the events of each committed room change, in order.</summary>
    public void Observe(Guid showId, IReadOnlyList<RoomEvent> events)
    {
        foreach (var roomEvent in events)
        {
            switch (roomEvent)
            {
                case FlashSaleStartedEvent started:
                    Running(showId, started.Sale);
                    break;
                case FlashSaleReopenedEvent reopened:
                    // A declined card gave back what it sold out of: its price applies again.
                    Running(showId, reopened.Sale);
                    break;
                case FlashSaleUpdatedEvent updated:
                    if (_doors.TryGetValue(updated.SaleId, out var door))
                    {
                        door.Sold(updated.Sold);
                    }

                    break;
                case FlashSaleEndedEvent ended:
                    // Only the sale that ended: a late end of an older sale must not hide a newer one running on the product.
                    if (_byId.TryRemove(ended.SaleId, out var sale)
                        && _running.TryRemove(new KeyValuePair<(Guid, Guid), FlashSaleDto>((showId, ended.ProductId), sale)))
                    {
                        _ended[(showId, ended.ProductId)] = new EndedFlashSale(sale.Price, sale.ListPrice, sale.Currency, ended.At, ended.Reason, sale.VariantIds);
                    }

                    if (_endings.TryRemove(showId, out var waiting))
                    {
                        // Off this thread: thousands of waiters may be woken, and the writer still holds the show's lock.
                        _ = waiting.CancelAsync();
                    }

                    // Last, once the book says the price ended: the buyers it wakes are refused from memory.
                    if (_doors.TryRemove(ended.SaleId, out var closed))
                    {
                        closed.Close();
                    }

                    break;
            }
        }
    }

    private void Running(Guid showId, FlashSaleDto sale)
    {
        _running[(showId, sale.ProductId)] = sale;
        _byId[sale.Id] = sale;
        _doors.GetOrAdd(sale.Id, _ => new SaleDoor(sale.QuantityCap)).Sold(sale.Sold);
        _ended.TryRemove((showId, sale.ProductId), out _);
    }

    /// <summary>
    /// The flash sale that ended on this product, when no other is known to run and the buyer still
    /// expects its price for a variant it was for (<paramref name="variantId"/>; a sale on chosen variants
    /// says nothing of the others, whose list price may be that very amount): the order can be refused
    /// without touching the database.
    /// </summary>
    public EndedFlashSale? EndedAt(Guid showId, Guid productId, decimal expectedPrice, Guid? variantId = null) =>
        !_running.ContainsKey((showId, productId)) && _ended.TryGetValue((showId, productId), out var ended)
        && ended.Price == expectedPrice && ended.ListPrice != expectedPrice && ended.AppliesTo(variantId)
            ? ended
            : null;

    /// <summary>
    /// Waits, in memory, until the order's flash-priced lines may go on to the database: at once while fewer
    /// units are being ordered than are left, otherwise until one comes back (an order refused or cancelled) or
    /// the sale ends. Dispose the answer once the order is stored or refused (a second dispose does nothing).
    /// Lines at a price this server does not know to be a running flash price pass straight through. A retry
    /// of an order that exists waits like anyone else (it cannot be told apart without a database read, which
    /// is what the door saves); it is let in as soon as a unit is free or the sale ends, and gets its order.
    /// </summary>
    public async Task<IDisposable> AdmitAsync(Guid showId, IEnumerable<(Guid ProductId, Guid? VariantId, decimal ExpectedPrice, int Quantity)> lines, CancellationToken cancellationToken)
    {
        // One door per sale, entered in the sales' id order so two orders never wait on each other's doors.
        var doors = lines
            .Select(l => _running.TryGetValue((showId, l.ProductId), out var sale)
                && sale.Price == l.ExpectedPrice && sale.ListPrice != l.ExpectedPrice && sale.AppliesTo(l.VariantId)
                && _doors.TryGetValue(sale.Id, out var door)
                    ? (Sale: sale.Id, Door: door, l.Quantity)
                    : default)
            .Where(d => d.Door is not null)
            .GroupBy(d => (d.Sale, d.Door))
            .OrderBy(g => g.Key.Sale)
            .Select(g => (g.Key.Door, Units: g.Sum(d => d.Quantity)))
            .ToList();
        var entered = new Entered();
        try
        {
            foreach (var (door, units) in doors)
            {
                if (await door.EnterAsync(units, cancellationToken))
                {
                    entered.Add(door, units);
                }
            }
        }
        catch
        {
            entered.Dispose();
            throw;
        }

        return entered;
    }

    /// <summary>
    /// A running sale's door: <see cref="_left"/> units not yet sold (from the room's events), <see cref="_ordering"/>
    /// units of orders that went in and have not come out. Waiters are let in first come, first served.
    /// </summary>
    private sealed class SaleDoor(int cap)
    {
        private readonly Lock _sync = new();
        private readonly Queue<(TaskCompletionSource<bool> Turn, int Units)> _waiting = new();
        private readonly int _cap = cap;
        private int _left = cap;
        private int _ordering;
        private bool _closed;

        /// <returns>True when let in (leave with <see cref="Leave"/>); false when the sale ended meanwhile.</returns>
        public async Task<bool> EnterAsync(int units, CancellationToken cancellationToken)
        {
            TaskCompletionSource<bool> turn;
            lock (_sync)
            {
                if (_closed)
                {
                    return false;
                }

                if (_waiting.Count == 0 && _ordering < _left)
                {
                    _ordering += units;
                    return true;
                }

                turn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Enqueue((turn, units));
            }

            // A buyer who gives up leaves the line: a cancelled turn is skipped when it comes up.
            await using var giveUp = cancellationToken.Register(static t => ((TaskCompletionSource<bool>)t!).TrySetCanceled(), turn);
            return await turn.Task;
        }

        public void Leave(int units)
        {
            lock (_sync)
            {
                _ordering -= units;
                LetInLocked();
            }
        }

        /// <summary>The sale's units sold so far, from a committed room event.</summary>
        public void Sold(int sold)
        {
            lock (_sync)
            {
                _left = _cap - sold;
                LetInLocked();
            }
        }

        /// <summary>The sale ended: everyone waiting is told so (and is refused from memory).</summary>
        public void Close()
        {
            lock (_sync)
            {
                _closed = true;
                while (_waiting.TryDequeue(out var waiter))
                {
                    waiter.Turn.TrySetResult(false);
                }
            }
        }

        private void LetInLocked()
        {
            while (!_closed && _ordering < _left && _waiting.TryDequeue(out var waiter))
            {
                _ordering += waiter.Units;
                if (!waiter.Turn.TrySetResult(true))
                {
                    // The request was cancelled while it waited: its turn goes to the next.
                    _ordering -= waiter.Units;
                }
            }
        }
    }

    /// <summary>The doors an order went through; disposing it lets the next buyers in.</summary>
    private sealed class Entered : IDisposable
    {
        private readonly List<(SaleDoor Door, int Units)> _doors = [];

        public void Add(SaleDoor door, int units) => _doors.Add((door, units));

        public void Dispose()
        {
            foreach (var (door, units) in _doors)
            {
                door.Leave(units);
            }

            _doors.Clear();
        }
    }
}

/// <summary>A flash sale that ended; <see cref="VariantIds"/> as on <see cref="FlashSaleDto"/> (null or empty: every variant).</summary>
public sealed record EndedFlashSale(decimal Price, decimal ListPrice, string Currency, DateTimeOffset EndedAt, FlashSaleEndReason Reason, IReadOnlyList<Guid>? VariantIds = null)
{
    public bool AppliesTo(Guid? variantId) => VariantIds is not { Count: > 0 } || (variantId is { } id && VariantIds.Contains(id));
}
