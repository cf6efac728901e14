using System.Net;
using System.Net.Http.Json;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.LoadTests;

/// <summary>The demo host (signed in) with a fresh live show and its own hub connection (the cookie signs it in).</summary>
public sealed class HostSession : IAsyncDisposable
{
    // DemoSeeder.HostAccount and DemoSeeder.DemoPassword (internal to LiveShop.Server), as DemoHost.
    private const string DemoHostEmail = "host@liveshop.test";
    private const string DemoPassword = "LiveShop-demo1";

    private readonly HttpClient _http;

    private HostSession(HttpClient http, HubConnection hub, ShowDetailDto show)
    {
        _http = http;
        Hub = hub;
        Show = show;
    }

    public HubConnection Hub { get; }

    public ShowDetailDto Show { get; }

    public Guid ShowId => Show.Id;

    /// <summary>Signs in the demo host, schedules a show from the TWD demo catalog, connects and goes live over the hub.</summary>
    public static async Task<HostSession> StartAsync(Uri baseUrl, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        try
        {
            // Shows belong to a shop: a freshly registered host has none, so the demo host (Development seed) runs the show.
            await PostAsync(http, ApiRoutes.SignIn, new SignInRequest(DemoHostEmail, DemoPassword, RememberMe: false), cancellationToken);

            var products = await http.GetFromJsonAsync<List<ProductDto>>($"{ApiRoutes.Products}?currency=TWD", cancellationToken) ?? [];
            var lineup = products.Where(p => p.Stock >= 10 && p.Price >= 2).Take(10).ToList();
            if (lineup.Count == 0)
            {
                throw new InvalidOperationException("The server has no TWD products in stock: run it in Development or with --Database:SeedDemoData true.");
            }

            var request = new CreateShowRequest("Load test show", "Made by tests/LiveShop.LoadTests.", DateTimeOffset.UtcNow, "TWD", [.. lineup.Select(p => p.Id)], null);
            using var created = await http.PostAsJsonAsync(ApiRoutes.Shows, request, cancellationToken);
            await EnsureAsync(created, "create the show", cancellationToken);
            var show = await created.Content.ReadFromJsonAsync<ShowDetailDto>(cancellationToken)
                ?? throw new InvalidOperationException("Creating the show answered no show.");

            var hub = await ConnectAsync(baseUrl, cookies, cancellationToken);
            var live = await hub.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id, cancellationToken);
            Console.WriteLine($"host: show {show.Id} with {lineup.Count} products is {live.Status} (sequence {live.Sequence})");
            return new HostSession(http, hub, show);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>An HTTP client signed in as a demo account (the demo password), for back-office calls.</summary>
    public static async Task<HttpClient> SignInAsync(Uri baseUrl, string email, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            await PostAsync(http, ApiRoutes.SignIn, new SignInRequest(email, DemoPassword, RememberMe: false), cancellationToken);
            return http;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="count"/> guests (POST /api/account/guest, each with its own cookie), each with a
    /// hub connection: chat senders that are subject to the per-user rate limit, as real viewers are.
    /// </summary>
    public static async Task<List<HubConnection>> ConnectGuestsAsync(Uri baseUrl, int count, CancellationToken cancellationToken)
    {
        var guests = new HubConnection[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 20, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var cookies = new CookieContainer();
            using (var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) })
            {
                await PostAsync(http, ApiRoutes.Guest, new GuestRequest($"Guest {i}"), token);
            }

            guests[i] = await ConnectAsync(baseUrl, cookies, token);
        });
        return [.. guests];
    }

    /// <summary>A hub connection that is no viewer (joins nothing): a sender of host actions or chat; cookies sign it in, if any.</summary>
    public static async Task<HubConnection> ConnectAsync(Uri baseUrl, CookieContainer? cookies, CancellationToken cancellationToken)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, HubRoutes.Live), options =>
            {
                if (cookies is not null)
                {
                    options.Cookies = cookies;
                }

                // Straight to WebSockets, as the app's client does: behind round robin a negotiate and the connection it
                // names would reach different instances.
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build();
        hub.ServerTimeout = TimeSpan.FromSeconds(120);
        await hub.StartAsync(cancellationToken);
        return hub;
    }

    private static async Task PostAsync<T>(HttpClient http, string path, T body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, cancellationToken);
        await EnsureAsync(response, path, cancellationToken);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode} {body}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        _http.Dispose();
    }
}
