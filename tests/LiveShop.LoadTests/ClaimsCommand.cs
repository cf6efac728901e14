using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.LoadTests;

/// <summary>
/// <c>claims --buyers N --units U</c>: the demo host's live show pins a product whose stock is set to U and turns on
/// "+1" claims; N guests, each in the room, type "+1" at once. Checks that exactly U claims are held, the rest wait
/// with positions 1…N−U each given once, the stock is 0 and the room's counts say the same; reports claims/s and the
/// latency of the senders' answers (the line stored and the claim made, in one room change per batch).
/// </summary>
public static class ClaimsCommand
{
    // DemoSeeder.OwnerAccount: the owner of the demo shop (stock is the back office's, not the host's).
    private const string OwnerEmail = "owner@liveshop.test";

    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        Preflight.Check(options.Buyers);
        await Box.WaitForQuietAsync(options.QuietWaitSeconds, cancellationToken);
        await using var server = await ServerProcess.StartLiveShopAsync(options, cancellationToken);
        await using var host = await HostSession.StartAsync(server.BaseUrl, cancellationToken);
        var show = host.Show;
        var item = show.Lineup.Where(l => l.Variants is not { Count: > 0 }).OrderByDescending(l => l.Stock).First();

        // The product's stock becomes exactly U, by the shop owner's stock adjustment in the back office (logged with a reason).
        using var owner = await HostSession.SignInAsync(server.BaseUrl, OwnerEmail, cancellationToken);
        using (var adjusted = await owner.PostAsJsonAsync(ApiRoutes.ProductStock(show.ShopId!.Value, item.ProductId), new AdjustStockRequest(options.Units - item.Stock, "Load test: +1 claims"), cancellationToken))
        {
            adjusted.EnsureSuccessStatusCode();
        }

        await host.Hub.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), show.Id, item.ProductId, cancellationToken);
        await host.Hub.InvokeAsync<ClaimsChangedEvent>(nameof(ILiveShowHub.SetChatClaims), show.Id, new SetChatClaimsRequest(item.ProductId, true, 30), cancellationToken);
        Console.WriteLine($"claims: “{item.Name}” pinned with {options.Units} in stock, \"+1\" claims on (30 min to pay)");

        var clock = Stopwatch.StartNew();
        var guests = await HostSession.ConnectGuestsAsync(server.BaseUrl, options.Buyers, cancellationToken);
        await Parallel.ForEachAsync(guests, new ParallelOptions { MaxDegreeOfParallelism = 50, CancellationToken = cancellationToken }, async (guest, token) =>
            await guest.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), show.Id, null, token));
        Console.WriteLine($"viewers: {guests.Count} guests in the room in {Report.F(clock.Elapsed.TotalSeconds)} s");

        try
        {
            // Every guest types "+1" at once.
            var latencies = new double[guests.Count];
            var results = new SendChatResult?[guests.Count];
            var refusals = new List<string>();
            var cpu = server.Pid is null ? null : new CpuMeter(server);
            clock.Restart();
            await Task.WhenAll(guests.Select(async (guest, i) =>
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    results[i] = await guest.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), show.Id, new SendChatRequest("+1", Guid.NewGuid()), cancellationToken);
                }
                catch (HubException e)
                {
                    lock (refusals)
                    {
                        refusals.Add(e.Message);
                    }
                }

                latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            }));
            var wall = clock.Elapsed.TotalSeconds;
            var burstCpu = cpu?.Describe();

            var claims = results.Where(r => r?.Claim is not null).Select(r => r!.Claim!).ToList();
            var held = claims.Count(c => c.Status == ChatClaimStatus.Held);
            var waiting = claims.Where(c => c.Status == ChatClaimStatus.Waiting).ToList();
            // Past the waitlist's cap (Limits.ClaimWaitlistMax) a line is posted with a note instead of a claim.
            var noted = results.Count(r => r is { Claim: null, ClaimNote: not null });
            var positionsOk = waiting.Select(c => c.WaitPosition ?? 0).Order().SequenceEqual(Enumerable.Range(1, waiting.Count));
            var stock = (await owner.GetFromJsonAsync<ProductDto>(ApiRoutes.Product(item.ProductId), cancellationToken))!.Stock;
            var room = (await host.Hub.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), show.Id, null, cancellationToken)).Snapshot!.Claims!.Single(c => c.ProductId == item.ProductId);
            var expected = Math.Min(options.Units, options.Buyers);
            var sorted = latencies.Order().ToList();
            var perSecond = (int)Math.Round(options.Buyers / wall, MidpointRounding.AwayFromZero);
            var ok = held == expected && stock == options.Units - expected && room.Claimed == held && room.Waiting == waiting.Count && positionsOk && refusals.Count == 0
                && held + waiting.Count + noted == options.Buyers;

            Console.WriteLine($"burst: {options.Buyers} \"+1\" in {Report.F(wall, 2)} s; answers {Report.Summary(sorted)}");
            if (burstCpu is not null)
            {
                Console.WriteLine($"    {burstCpu}");
            }

            foreach (var refusal in refusals.Distinct().Take(5))
            {
                Console.WriteLine($"    refused: {refusal}");
            }

            Console.WriteLine(
                $"goals: held = {expected} {(held == expected ? "MET" : "MISSED")} ({held}); stock = {options.Units - expected} {(stock == options.Units - expected ? "MET" : "MISSED")} ({stock}); " +
                $"room counts {(room.Claimed == held && room.Waiting == waiting.Count ? "MET" : "MISSED")} ({room.Claimed} claimed, {room.Waiting} waiting); " +
                $"waitlist positions 1..{waiting.Count} once each {(positionsOk ? "MET" : "MISSED")}; refused = 0 {(refusals.Count == 0 ? "MET" : "MISSED")} ({refusals.Count}); " +
                $"every line answered (held, waiting or told the waitlist is full) {(held + waiting.Count + noted == options.Buyers ? "MET" : "MISSED")} ({held} + {waiting.Count} + {noted})");
            Console.WriteLine(
                $"claims buyers={options.Buyers} units={options.Units} held={held} waiting={waiting.Count} waitlist_full={noted} refused={refusals.Count} oversold={Math.Max(0, held - options.Units)} " +
                $"claims_per_s={perSecond.ToString(CultureInfo.InvariantCulture)} p50_ms={F0(Report.Percentile(sorted, 0.50))} p99_ms={F0(Report.Percentile(sorted, 0.99))} max_ms={F0(sorted[^1])}");
            return ok ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(guests.Select(g => g.DisposeAsync().AsTask()));
        }
    }

    private static string F0(double value) => ((int)Math.Round(value, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);
}
