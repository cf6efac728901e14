using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.LoadTests;

/// <summary>
/// <c>flashsale --buyers N --units U</c>: N guests, the demo host's live show with a flash sale of U
/// units (per-buyer cap P), then every buyer's order attempt at once (fresh idempotency key each),
/// then every attempt again with the same key. Orders, oversold units and duplicate orders, checked
/// against the sales dashboard, the show's orders and the product's stock; attempts/s and latency of
/// the first burst.
/// </summary>
public static class FlashSaleCommand
{
    // DemoSeeder.ProductId(4) of the Development demo catalog: “Pineapple Cakes, box of 12”, NT$450, 120 in stock.
    private static readonly Guid PineappleCakes = Guid.Parse("5e1f0000-0000-4000-9000-000000000004");

    private const int SaleSeconds = 600;

    /// <summary>--expire: the server's <c>Payments:HoldMinutes</c>.</summary>
    private const int HoldMinutes = 1;

    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        var attempts = options.Buyers * options.Attempts;
        Preflight.Check(attempts);
        await Box.WaitForQuietAsync(options.QuietWaitSeconds, cancellationToken);

        // --expire: card orders go to a fake Stripe nobody pays at, and holds run out after a minute.
        await using var stripe = options.Expire ? await LoadFakeStripe.StartAsync(cancellationToken) : null;
        if (stripe is not null)
        {
            var environment = (Dictionary<string, string>)options.ServerEnvironment;
            environment["Payments__Stripe__ApiBase"] = stripe.ApiBase;
            environment["Payments__HoldMinutes"] = HoldMinutes.ToString(CultureInfo.InvariantCulture);
            environment["Payments__ExpireEverySeconds"] = "1";
        }

        await using var server = await ServerProcess.StartLiveShopAsync(options, cancellationToken);
        using var buyers = new BuyerHttp(server.BaseUrl);
        await using var host = await DemoHost.SignInAsync(server.BaseUrl, cancellationToken);
        if (stripe is not null)
        {
            await DemoHost.ConnectStripeAsync(server.BaseUrl, cancellationToken);
            Console.WriteLine($"payments: the demo shop takes cards through the fake Stripe API at {stripe.ApiBase}; nobody pays, holds last {HoldMinutes} min");
        }

        // Test card in Development (paid at once), or --expire: a Stripe card payment the buyer never completes.
        var payment = stripe is null ? new PaymentDetailsDto(PaymentMethod.Card, TestCards.Succeeds) : new PaymentDetailsDto(PaymentMethod.Card, null);

        var catalog = await host.Http.GetFromJsonAsync<List<ProductDto>>($"{ApiRoutes.Products}?currency=TWD", cancellationToken) ?? [];
        var product = catalog.FirstOrDefault(p => p.Id == PineappleCakes && p.Stock >= options.Units && p.Price >= 2)
            ?? catalog.Where(p => p.Stock >= options.Units && p.Price >= 2).OrderByDescending(p => p.Stock).FirstOrDefault();
        if (product is null)
        {
            var most = catalog.OrderByDescending(p => p.Stock).FirstOrDefault();
            Console.Error.WriteLine($"--units {options.Units}: no TWD demo product has that many in stock (the most is {most?.Stock ?? 0}, “{most?.Name}”). Use --units {most?.Stock ?? 0} or fewer.");
            return 2;
        }

        if (options.WarmupBuyers > 0)
        {
            var warm = catalog.Where(p => p.Id != product.Id && p.Stock >= 1 && p.Price >= 2).OrderByDescending(p => p.Stock).FirstOrDefault();
            if (warm is not null)
            {
                var warmUnits = Math.Clamp(options.WarmupBuyers / 10, 1, warm.Stock);
                Console.WriteLine($"== warm-up (not measured): {options.WarmupBuyers} buyers, {warmUnits} units of “{warm.Name}” in a separate show");
                await RunSaleAsync(server, buyers, host, warm, options.WarmupBuyers, 1, warmUnits, 1, options.ColdConnections, payment, null, cancellationToken);
            }
        }

        Console.WriteLine($"== flash sale: {options.Buyers} buyers × {options.Attempts} attempt(s), {options.Units} units of “{product.Name}” (stock {product.Stock}), per-buyer cap {options.PerBuyer}");
        var outcome = await RunSaleAsync(server, buyers, host, product, options.Buyers, options.Attempts, options.Units, options.PerBuyer, options.ColdConnections, payment, options.PerfFile ?? "", cancellationToken);

        var expected = (int)Math.Min(options.Units, (long)options.Buyers * Math.Min(options.Attempts, options.PerBuyer));
        var perSecond = (int)Math.Round(outcome.AttemptsPerSecond, MidpointRounding.AwayFromZero);
        var p99 = (int)Math.Round(outcome.P99Ms, MidpointRounding.AwayFromZero);
        var ok = outcome.Orders == expected && outcome.Oversold == 0 && outcome.Duplicates == 0 && outcome.Lost == 0;
        Console.WriteLine(
            $"goals: orders = {expected} {(outcome.Orders == expected ? "MET" : "MISSED")} ({outcome.Orders}); " +
            $"oversold = 0 {(outcome.Oversold == 0 ? "MET" : "MISSED")} ({outcome.Oversold}); " +
            $"duplicates = 0 {(outcome.Duplicates == 0 ? "MET" : "MISSED")} ({outcome.Duplicates}); " +
            $"retries answer the same order {(outcome.Lost == 0 ? "MET" : $"MISSED ({outcome.Lost} did not)")}; " +
            $">= 1000 attempts/s {(perSecond >= 1000 ? "MET" : "MISSED")} ({perSecond})");
        Console.WriteLine(
            $"flashsale buyers={options.Buyers} units={options.Units} orders={outcome.Orders} oversold={outcome.Oversold} " +
            $"duplicates={outcome.Duplicates} attempts_per_s={perSecond.ToString(CultureInfo.InvariantCulture)} p99_ms={p99.ToString(CultureInfo.InvariantCulture)}");
        if (stripe is not null)
        {
            ok &= await ExpiryWatch.RunAsync(host, outcome, stripe, options.Units, HoldMinutes, cancellationToken);
        }

        return ok ? 0 : 1;
    }

    private static async Task<SaleOutcome> RunSaleAsync(
        ServerProcess server, BuyerHttp buyers, DemoHost host, ProductDto product,
        int buyerCount, int attemptsPerBuyer, int units, int perBuyer, bool cold, PaymentDetailsDto payment, string? perfFile, CancellationToken cancellationToken)
    {
        // perfFile: null for the warm-up; "" measured without perf; a path: measured, with `perf record` of the server during burst 1.
        var measured = perfFile is not null;
        // Buyers: guests (role-less accounts, no password hashing), each with its auth cookie. Not timed.
        var clock = Stopwatch.StartNew();
        var cookies = new string[buyerCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, buyerCount), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (i, token) =>
        {
            cookies[i] = await buyers.GuestCookieAsync($"Buyer {i + 1}", token);
        });
        Console.WriteLine($"buyers: {buyerCount} guests in {Report.F(clock.Elapsed.TotalSeconds)} s");

        // The host's show with just this product, live, and the flash sale.
        var show = await host.CreateLiveShowAsync(product.Id, cancellationToken);
        var stockBefore = show.Lineup.Single(l => l.ProductId == product.Id).Stock;
        var flashPrice = Math.Max(1m, Math.Floor(product.Price * 0.8m));
        var started = await host.Hub.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), show.Id,
            new StartFlashSaleRequest(product.Id, flashPrice, SaleSeconds, units, perBuyer), cancellationToken);
        Console.WriteLine($"sale: show {show.Id} live; flash sale {started.Sale.Id}: {units} units at {flashPrice.ToString(CultureInfo.InvariantCulture)} {product.Currency} (list {product.Price.ToString(CultureInfo.InvariantCulture)}), per buyer {perBuyer}, {SaleSeconds} s; stock {stockBefore}");

        // One attempt per buyer (or A): quantity 1 at the flash price, a fresh key each; the bodies are serialized now, not in the burst.
        var attempts = new List<Attempt>(buyerCount * attemptsPerBuyer);
        for (var b = 0; b < buyerCount; b++)
        {
            var request = new PlaceOrderRequest(show.Id, [new PlaceOrderLine(product.Id, 1, flashPrice)],
                new ShippingAddressDto($"Buyer {b + 1}", $"{b + 1} Load Test Road", null, "Taipei", "100", "TW", "+886 900 000 000"),
                payment);
            var body = JsonSerializer.SerializeToUtf8Bytes(request, JsonSerializerOptions.Web);
            for (var a = 0; a < attemptsPerBuyer; a++)
            {
                attempts.Add(new Attempt(b, $"flash-{b}-{a}-{Guid.NewGuid():N}", cookies[b], body));
            }
        }

        if (!cold)
        {
            // Buyers who watch the show have a connection open: open one per attempt before the burst (not timed).
            var before = buyers.Connects;
            var wasOpen = buyers.Open;
            clock.Restart();
            var failed = await buyers.OpenConnectionsAsync(attempts, attempts.Count, cancellationToken);
            Console.WriteLine($"connections: {wasOpen} open, {buyers.Connects - before} more opened for {attempts.Count} attempts in {Report.F(clock.Elapsed.TotalSeconds)} s ({failed} requests not 200); {buyers.Open} open now");

            // For scale: the same burst of the cheapest signed-in request (HTTP, cookie decryption, no database).
            var meCpu = server.Pid is null ? null : new CpuMeter(server);
            var me = await Burst.RunAsync(buyers.Client, attempts, a => Burst.Get(ApiRoutes.Me, a.Cookie), cancellationToken);
            Console.WriteLine($"{(measured ? "" : "warm-up ")}baseline: GET {ApiRoutes.Me} from all {attempts.Count} at once: {Report.F(attempts.Count / me.WallSeconds, 0)} requests/s, " +
                $"{Report.Summary([.. me.Answers.Select(a => a.LatencyMs).Order()])} ({me.Answers.Count(x => x.Status != 200)} not 200)");
            if (meCpu is not null)
            {
                Console.WriteLine($"    {meCpu.Describe()}");
            }
        }

        // Burst 1: every attempt at once.
        var connects = buyers.Connects;
        using var perf = string.IsNullOrEmpty(perfFile) || server.Pid is not { } pid ? null : await PerfRecording.StartAsync(pid, perfFile, cancellationToken);
        var cpu = server.Pid is null ? null : new CpuMeter(server);
        var first = await Burst.RunAsync(buyers.Client, attempts, a => Burst.PostOrder(a), cancellationToken);
        var firstEnded = DateTimeOffset.UtcNow;
        var firstCpu = cpu?.Describe();
        if (perf is not null)
        {
            await perf.StopAsync();
            Console.WriteLine($"perf: server samples of burst 1 in {perfFile} (perf report -i {perfFile} --no-children --sort sym)");
        }

        var firstConnects = buyers.Connects - connects;

        // Burst 2: every attempt again with the same key and body (a client retrying after, say, a lost answer).
        connects = buyers.Connects;
        cpu = server.Pid is null ? null : new CpuMeter(server);
        var second = await Burst.RunAsync(buyers.Client, attempts, a => Burst.PostOrder(a), cancellationToken);
        var secondCpu = cpu?.Describe();
        var secondConnects = buyers.Connects - connects;

        // What the client saw.
        var ids = new HashSet<Guid>();            // distinct order ids answered 201 in burst 1
        var seen = new HashSet<Guid>();           // every order id the client saw, both bursts
        var perBuyerIds = new Dictionary<int, HashSet<Guid>>();
        var oddFirst = 0;                         // 200 to a fresh key, or one id answered 201 twice
        for (var i = 0; i < attempts.Count; i++)
        {
            var answer = first.Answers[i];
            if (answer.OrderId is not { } id)
            {
                continue;
            }

            if (answer.Status != 201 || !ids.Add(id))
            {
                oddFirst++;
            }

            seen.Add(id);
            Owned(attempts[i].Buyer).Add(id);
        }

        var replayed = 0;       // 200 with the order this key got in burst 1
        var refusedAgain = 0;   // refused in both bursts
        var lost = 0;           // had an order in burst 1, the retry did not answer it
        var recovered = 0;      // burst 1 failed without an answer, the retry answered an order
        var retryOnly = new HashSet<Guid>(); // new order ids in burst 2: duplicates
        for (var i = 0; i < attempts.Count; i++)
        {
            var was = first.Answers[i];
            var now = second.Answers[i];
            if (was.OrderId is { } had)
            {
                if (now.Status == 200 && now.OrderId == had)
                {
                    replayed++;
                }
                else
                {
                    lost++;
                }
            }
            else if (now.OrderId is null)
            {
                refusedAgain++;
            }
            else if (was.Status == 0 && now.Status == 200)
            {
                recovered++;
            }

            if (now.OrderId is { } id && seen.Add(id))
            {
                if (!(was.Status == 0 && now.Status == 200))
                {
                    retryOnly.Add(id);
                }

                Owned(attempts[i].Buyer).Add(id);
            }
        }

        // What the server stored: the sales dashboard, the show's orders, the product's stock.
        var dashboard = await host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(show.Id), cancellationToken)
            ?? throw new InvalidOperationException("The sales dashboard answered nothing.");
        var stored = await host.Http.GetFromJsonAsync<List<OrderDto>>(ApiRoutes.ShowOrders(show.Id), cancellationToken) ?? [];
        var after = await host.Http.GetFromJsonAsync<ShowDetailDto>(ApiRoutes.Show(show.Id), cancellationToken)
            ?? throw new InvalidOperationException("The show answered nothing.");
        var stockAfter = after.Lineup.Single(l => l.ProductId == product.Id).Stock;
        var flashUnits = dashboard.FlashSales.Where(s => s.SaleId == started.Sale.Id).Sum(s => s.UnitsAtFlashPrice);
        var storedUnits = stored.SelectMany(o => o.Lines).Where(l => l.ProductId == product.Id).Sum(l => l.Quantity);
        var unknownToClient = stored.Count(o => !seen.Contains(o.Id));

        var clientBeyondCap = perBuyerIds.Values.Sum(set => Math.Max(0, set.Count - perBuyer));
        var storedBeyondCap = stored.GroupBy(o => o.BuyerId).Sum(g => Math.Max(0, g.Count() - perBuyer));
        var dbExtra = Math.Max(0, Math.Max(dashboard.Summary.Orders, stored.Count) - seen.Count);
        var duplicates = Math.Max(clientBeyondCap, storedBeyondCap) + retryOnly.Count + dbExtra;

        var unitsSold = new[] { seen.Count, dashboard.Summary.Units, flashUnits, storedUnits, stockBefore - stockAfter }.Max();
        var oversold = Math.Max(Math.Max(0, ids.Count - units), Math.Max(0, unitsSold - units));
        if (stockAfter < 0)
        {
            oversold = Math.Max(oversold, -stockAfter);
        }

        var wall = first.WallSeconds;
        var latencies = first.Answers.Select(a => a.LatencyMs).Order().ToList();
        var sinceStart = first.Answers.Select(a => a.DoneMs).Order().ToList();
        var tag = measured ? "" : "warm-up ";
        Console.WriteLine($"{tag}burst 1: {attempts.Count} attempts in {Report.F(wall, 3)} s = {Report.F(attempts.Count / wall, 0)} attempts/s; {Describe(first)}; {firstConnects} new connections");
        Console.WriteLine($"    latency from each send: {Report.Summary(latencies)}");
        Console.WriteLine($"    done after the burst start: {Report.Summary(sinceStart)}");
        Console.WriteLine($"    201 answers only (latency): {Report.Summary([.. first.Answers.Where(a => a.Status == 201).Select(a => a.LatencyMs).Order()])}; refusals only: {Report.Summary([.. first.Answers.Where(a => a.Status == 409).Select(a => a.LatencyMs).Order()])}");
        if (firstCpu is not null)
        {
            Console.WriteLine($"    {firstCpu}");
        }

        Console.WriteLine($"{tag}burst 2 (same keys): {attempts.Count} attempts in {Report.F(second.WallSeconds, 3)} s; {Describe(second)}; {secondConnects} new connections");
        Console.WriteLine($"    {replayed} answered 200 with their burst-1 order, {refusedAgain} refused again, {retryOnly.Count} new order ids, {lost} orders not answered again, {recovered} recovered after a burst-1 failure");
        Console.WriteLine($"    latency from each send: {Report.Summary([.. second.Answers.Select(a => a.LatencyMs).Order()])}");
        if (secondCpu is not null)
        {
            Console.WriteLine($"    {secondCpu}");
        }

        Console.WriteLine($"{tag}stored: dashboard orders={dashboard.Summary.Orders} units={dashboard.Summary.Units} buyers={dashboard.Summary.Buyers}; flash-sale units {flashUnits}; " +
            $"show orders {stored.Count} ({stored.Count(o => o.CountsAsSale)} counted as sales, {storedUnits} units, {stored.Select(o => o.BuyerId).Distinct().Count()} buyers, {unknownToClient} the client never saw); " +
            $"stock {stockBefore} -> {stockAfter}");
        Console.WriteLine($"{tag}result: orders={ids.Count} (distinct 201 ids in burst 1) oversold={oversold} duplicates={duplicates} " +
            $"(beyond the per-buyer cap {Math.Max(clientBeyondCap, storedBeyondCap)}, new in the retry {retryOnly.Count}, stored but unseen {dbExtra}); odd burst-1 answers {oddFirst}");
        var pending = payment.CardNumber is null;
        if (pending)
        {
            // Nobody pays: nothing counts as a sale yet, but the stock and the flash units are held.
            var waiting = stored.Count(o => o.Status == OrderStatus.PendingPayment && o.HoldExpiresAt is not null);
            var sessions = first.Answers.Count(a => a.Status == 201 && a.ClientSecret is { } s && s.StartsWith("pi_", StringComparison.Ordinal) && s.Contains("_secret_", StringComparison.Ordinal));
            Console.WriteLine($"{tag}held: {waiting} of {stored.Count} orders PendingPayment with a hold; {sessions} of the {first.Answers.Count(a => a.Status == 201)} answers 201 carried a Stripe client secret; " +
                $"holds end by {stored.Max(o => o.HoldExpiresAt)?.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "(none)"} UTC");
        }

        if (pending ? stockBefore - stockAfter != storedUnits || dashboard.Summary.Units != 0
            : stockBefore - stockAfter != dashboard.Summary.Units || flashUnits != dashboard.Summary.Units)
        {
            Console.WriteLine($"{tag}WARNING: stock taken ({stockBefore - stockAfter}), flash-sale units ({flashUnits}) and dashboard units ({dashboard.Summary.Units}) disagree");
        }

        foreach (var sample in first.Samples.Concat(second.Samples).Take(5))
        {
            Console.WriteLine($"    sample: {sample}");
        }

        return new SaleOutcome(ids.Count, oversold, duplicates, lost, attempts.Count / wall, Report.Percentile(latencies, 0.99),
            show.Id, started.Sale.Id, product.Id, stockBefore, stockAfter, stored, firstEnded);

        HashSet<Guid> Owned(int buyer) =>
            perBuyerIds.TryGetValue(buyer, out var set) ? set : perBuyerIds[buyer] = [];
    }

    private static string Describe(BurstResult burst) =>
        string.Join(", ", burst.Answers.GroupBy(a => a.Status == 0 ? "no answer" : a.Code is null ? a.Status.ToString(CultureInfo.InvariantCulture) : $"{a.Status} {a.Code}")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()}"));

    /// <summary>What one sale did, and (for --expire) what to watch: the show, its sale, the product's stock before and after, the orders.</summary>
    internal sealed record SaleOutcome(
        int Orders, int Oversold, int Duplicates, int Lost, double AttemptsPerSecond, double P99Ms,
        Guid ShowId, Guid SaleId, Guid ProductId, int StockBefore, int StockAfter, IReadOnlyList<OrderDto> Stored, DateTimeOffset FirstBurstEnded);
}

/// <summary><c>perf record -g</c> of one process until stopped (SIGINT lets perf write its file).</summary>
public sealed class PerfRecording : IDisposable
{
    private readonly Process _process;

    private PerfRecording(Process process) => _process = process;

    public static async Task<PerfRecording> StartAsync(int pid, string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("perf") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "record", "-F", "499", "-g", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("perf did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // perf needs a moment to attach to every thread.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return new PerfRecording(process);
    }

    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(grace.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}

/// <summary>One buyer's order attempt: its key, the buyer's cookie and the serialized body (the same in both bursts).</summary>
public sealed record Attempt(int Buyer, string Key, string Cookie, byte[] Body);

/// <summary>What one request got: status (0: no answer), order id or problem code, and its times.</summary>
public sealed record Answer(int Status, Guid? OrderId, string? Code, double LatencyMs, double DoneMs, string? Error, string? ClientSecret = null);

public sealed record BurstResult(Answer[] Answers, double WallSeconds, IReadOnlyList<string> Samples);

/// <summary>Fires one request per attempt at once: all wait behind one gate, which opens when every request is built.</summary>
public static class Burst
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static HttpRequestMessage PostOrder(Attempt attempt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Orders) { Content = new ByteArrayContent(attempt.Body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("Cookie", attempt.Cookie);
        request.Headers.TryAddWithoutValidation(ApiRoutes.IdempotencyKeyHeader, attempt.Key);
        return request;
    }

    public static HttpRequestMessage Get(string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Cookie", cookie);
        return request;
    }

    public static async Task<BurstResult> RunAsync(HttpClient http, IReadOnlyList<Attempt> attempts, Func<Attempt, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var raw = new (int Status, byte[]? Body, long Sent, long Done, string? Error)[attempts.Count];
        var tasks = new Task[attempts.Count];
        for (var i = 0; i < attempts.Count; i++)
        {
            tasks[i] = SendAsync(i, build(attempts[i]));
        }

        var start = Stopwatch.GetTimestamp();
        gate.SetResult();
        await Task.WhenAll(tasks);
        var end = raw.Max(r => r.Done);

        // Parsed after the burst: the load tool's CPU belongs to sending while the burst runs.
        var samples = new List<string>();
        var answers = new Answer[attempts.Count];
        for (var i = 0; i < raw.Length; i++)
        {
            var (status, body, sent, done, error) = raw[i];
            Guid? id = null;
            string? code = null;
            string? clientSecret = null;
            if (body is { Length: > 0 })
            {
                try
                {
                    using var json = JsonDocument.Parse(body);
                    if (status is 200 or 201 && json.RootElement.TryGetProperty("id", out var idProperty))
                    {
                        id = idProperty.GetGuid();
                        if (json.RootElement.TryGetProperty("paymentSession", out var session) && session.ValueKind == JsonValueKind.Object
                            && session.TryGetProperty("clientSecret", out var secret) && secret.ValueKind == JsonValueKind.String)
                        {
                            clientSecret = secret.GetString();
                        }
                    }
                    else if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("code", out var codeProperty))
                    {
                        code = codeProperty.GetString();
                    }
                }
                catch (JsonException)
                {
                    // Not JSON: reported by status.
                }
            }

            if ((error is not null || status is not (200 or 201 or 409)) && samples.Count < 5)
            {
                samples.Add(error ?? $"HTTP {status}: {System.Text.Encoding.UTF8.GetString(body ?? [])[..Math.Min(300, body?.Length ?? 0)]}");
            }

            answers[i] = new Answer(status, id, code, Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds, Stopwatch.GetElapsedTime(start, done).TotalMilliseconds, error, clientSecret);
        }

        return new BurstResult(answers, Stopwatch.GetElapsedTime(start, end).TotalSeconds, samples);

        async Task SendAsync(int i, HttpRequestMessage request)
        {
            using var _ = request;
            await gate.Task;
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                raw[i] = ((int)response.StatusCode, body, sent, Stopwatch.GetTimestamp(), null);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                raw[i] = (0, null, sent, Stopwatch.GetTimestamp(), $"{e.GetType().Name}: {e.Message}");
            }
        }
    }
}

/// <summary>
/// One HttpClient for every buyer: cookies go in a Cookie header per request (no cookie container),
/// no limit on connections per server, and a count of the connections it opens.
/// </summary>
public sealed class BuyerHttp : IDisposable
{
    private long _connects;
    private long _open;

    public BuyerHttp(Uri baseUrl)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(60),
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                Interlocked.Increment(ref _connects);
                Interlocked.Increment(ref _open);
                return new CountedStream(socket, this);
            },
        };
        Client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(180) };
    }

    public HttpClient Client { get; }

    /// <summary>Connections opened so far.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connections open now (pooled, idle or busy).</summary>
    public long Open => Interlocked.Read(ref _open);

    /// <summary>
    /// Opens connections until <paramref name="count"/> are open: <paramref name="count"/> requests at
    /// once, each keeping its connection (the answer is not read) until all have their answer.
    /// </summary>
    public async Task<int> OpenConnectionsAsync(IReadOnlyList<Attempt> attempts, int count, CancellationToken cancellationToken)
    {
        var responses = await Task.WhenAll(attempts.Take(count).Select(async a =>
        {
            try
            {
                return await Client.SendAsync(Burst.Get(ApiRoutes.Me, a.Cookie), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }));
        foreach (var response in responses)
        {
            response?.Dispose();
        }

        return responses.Count(r => r?.StatusCode != HttpStatusCode.OK);
    }

    private sealed class CountedStream(Socket socket, BuyerHttp owner) : NetworkStream(socket, ownsSocket: true)
    {
        private int _closed;

        protected override void Dispose(bool disposing)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._open);
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>POST /api/account/guest; the auth cookie (all its chunks) as a Cookie header value.</summary>
    public async Task<string> GuestCookieAsync(string displayName, CancellationToken cancellationToken)
    {
        using var response = await Client.PostAsJsonAsync(ApiRoutes.Guest, new GuestRequest(displayName), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{ApiRoutes.Guest}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var pairs = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';', 2)[0].Trim()).Where(p => p.StartsWith("liveshop.auth", StringComparison.Ordinal)).ToList()
            : [];
        return pairs.Count > 0 ? string.Join("; ", pairs) : throw new InvalidOperationException($"{ApiRoutes.Guest} set no liveshop.auth cookie.");
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>The demo host (Development seed), signed in with its own cookie jar and hub connection.</summary>
public sealed class DemoHost : IAsyncDisposable
{
    // DemoSeeder.HostAccount and DemoSeeder.DemoPassword (internal to LiveShop.Server).
    private const string Email = "host@liveshop.test";
    private const string Password = "LiveShop-demo1";

    // DemoSeeder.OwnerAccount and DemoSeeder.DemoShopId.
    private const string OwnerEmail = "owner@liveshop.test";
    private static readonly Guid DemoShopId = Guid.Parse("5e1f0000-0000-4000-8000-000000000051");

    private readonly CookieContainer _cookies;
    private readonly Uri _baseUrl;
    private HubConnection? _hub;

    private DemoHost(Uri baseUrl, HttpClient http, CookieContainer cookies)
    {
        _baseUrl = baseUrl;
        Http = http;
        _cookies = cookies;
    }

    public HttpClient Http { get; }

    public HubConnection Hub => _hub ?? throw new InvalidOperationException("No show yet.");

    public static async Task<DemoHost> SignInAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };
        using var response = await http.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(Email, Password, RememberMe: false), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            http.Dispose();
            throw new InvalidOperationException($"Signing in the demo host: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)} (the server needs its Development demo data).");
        }

        return new DemoHost(baseUrl, http, cookies);
    }

    /// <summary>
    /// The demo shop's owner (DemoSeeder.OwnerAccount) connects Stripe with test keys: the shop's card orders then go to
    /// the server's <c>Payments:Stripe:ApiBase</c> (--expire: this tool's fake), cash on delivery stays on.
    /// </summary>
    public static async Task ConnectStripeAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(120) };
        using (var signedIn = await http.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(OwnerEmail, Password, RememberMe: false), cancellationToken))
        {
            await EnsureAsync(signedIn, "sign in the demo shop's owner", cancellationToken);
        }

        using var saved = await http.PutAsJsonAsync(ApiRoutes.ShopPayments(DemoShopId),
            new SaveShopPaymentSettingsRequest("pk_test_load", "sk_test_load", null, true, false, null, 3), cancellationToken);
        await EnsureAsync(saved, "connect the demo shop to Stripe", cancellationToken);
    }

    /// <summary>Schedules a TWD show with just this product, takes it live (REST) and connects the host's hub.</summary>
    public async Task<ShowDetailDto> CreateLiveShowAsync(Guid productId, CancellationToken cancellationToken)
    {
        var request = new CreateShowRequest("Flash sale load test", "Made by tests/LiveShop.LoadTests flashsale.", DateTimeOffset.UtcNow.AddMinutes(1), "TWD", [productId], null);
        using var created = await Http.PostAsJsonAsync(ApiRoutes.Shows, request, cancellationToken);
        await EnsureAsync(created, "create the show", cancellationToken);
        var show = await created.Content.ReadFromJsonAsync<ShowDetailDto>(cancellationToken) ?? throw new InvalidOperationException("Creating the show answered no show.");
        // A bodiless POST with the sign-in cookie carries the antiforgery token, as the app's own client does.
        var token = await Http.GetFromJsonAsync<AntiforgeryTokenDto>(ApiRoutes.Antiforgery, cancellationToken)
            ?? throw new InvalidOperationException("The server answered no antiforgery token.");
        using var goLive = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.GoLive(show.Id));
        goLive.Headers.Add(token.HeaderName, token.Token);
        using var live = await Http.SendAsync(goLive, cancellationToken);
        await EnsureAsync(live, "go live", cancellationToken);
        if (_hub is null)
        {
            _hub = await HostSession.ConnectAsync(_baseUrl, _cookies, cancellationToken);
        }

        return show;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        Http.Dispose();
    }
}
