using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// An instance being stopped (issue 16): its viewers are disconnected at once so they reconnect elsewhere, it takes no
/// new live connection (503 server-stopping, in the caller's language) and says it is not ready, yet it still
/// finishes what buyers send during the drain before its port closes.
/// </summary>
public sealed class DrainTests : IAsyncLifetime
{
    private static readonly Guid Teapot = LiveRoom.Lineup[2];   // NT$1,980
    private readonly DrainingServer _server = new();

    [Fact]
    public async Task AStoppingInstance_ClosesItsRooms_RefusesNewConnections_AndStillFinishesOrders()
    {
        var room = await LiveRoom.StartAsync(_server, "Last show on this box");
        var buyer = await _server.GuestAsync("Late Buyer");
        var viewer = await RoomWatcher.JoinAsync(_server, room.Show, buyer.Cookies);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        viewer.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        using var probe = new HttpClient { BaseAddress = _server.BaseAddress };
        probe.DefaultRequestHeaders.AcceptLanguage.ParseAdd("el");

        var stopped = _server.Services.GetRequiredService<IHost>().StopAsync(TimeSpan.FromSeconds(30));

        // The viewer is let go at once (well inside the 3 s drain), to reconnect through the load balancer.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(2));

        // No new live connection here, in the caller's language, with when to try again.
        using var negotiate = await probe.PostAsync($"{HubRoutes.Live}/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, negotiate.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), negotiate.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ProblemCodes.ServerStopping, problem.GetProperty("code").GetString());
        Assert.Equal("Ο διακομιστής επανεκκινείται. Θα συνδεθείτε ξανά σε λίγο.", problem.GetProperty("detail").GetString());

        // The load balancer is told to send nothing new.
        using var ready = await probe.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("accepting").GetString());

        // A buyer who tapped Buy just now still gets the order.
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Teapot, 1980m));
        Assert.Equal(OrderStatus.Paid, (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id)))!.Status);
        Assert.False(stopped.IsCompleted, "the port closed before the drain ended");

        await stopped;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Keeps serving for 3 s after it is asked to stop.</summary>
    private sealed class DrainingServer : LiveShopFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Shutdown:DrainSeconds", "3");
        }
    }
}
