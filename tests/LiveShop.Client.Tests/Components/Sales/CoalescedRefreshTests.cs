using LiveShop.Client.Components.Sales;

namespace LiveShop.Client.Tests.Components.Sales;

public sealed class CoalescedRefreshTests : BunitTestBase
{
    private int _runs;
    private TaskCompletionSource? _running;

    private Task RefreshAsync()
    {
        _runs++;
        return _running?.Task ?? Task.CompletedTask;
    }

    [Fact]
    public void Request_First_RefreshesAtOnce()
    {
        using var refresh = new CoalescedRefresh(RefreshAsync, TimeSpan.FromSeconds(1), Clock);

        refresh.Request();

        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task Request_BurstWhileRunning_FoldsIntoOneMoreRunAfterTheInterval()
    {
        using var refresh = new CoalescedRefresh(RefreshAsync, TimeSpan.FromSeconds(1), Clock);
        _running = new TaskCompletionSource();
        refresh.Request();

        refresh.Request();
        refresh.Request();
        refresh.Request();
        _running.SetResult();
        Clock.Advance(TimeSpan.FromMilliseconds(999));

        Assert.Equal(1, _runs);

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        await refresh.Idle;

        Assert.Equal(2, _runs);
    }

    [Fact]
    public void Dispose_WhileWaiting_NeverRefreshesAgain()
    {
        var refresh = new CoalescedRefresh(RefreshAsync, TimeSpan.FromSeconds(1), Clock);
        refresh.Request();
        refresh.Request();

        refresh.Dispose();
        Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(1, _runs);
    }
}
