using LiveShop.Client.Components;
using LiveShop.Client.Services;

namespace LiveShop.Client.Tests.Components;

public sealed class ConnectionDotTests : BunitTestBase
{
    [Fact]
    public void Render_Connected_ShowsDotOnlyWithLabel()
    {
        var cut = Ctx.Render<ConnectionDot>(p => p.Add(c => c.State, LiveConnectionState.Connected));

        var dot = cut.Find("[data-testid=live-connection]");
        Assert.Equal("connected", dot.GetAttribute("data-state"));
        Assert.Equal("Live updates on", dot.GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll(".ls-conn__text"));
    }

    [Theory]
    [InlineData(LiveConnectionState.Connecting, "Connecting…")]
    [InlineData(LiveConnectionState.Reconnecting, "Reconnecting…")]
    [InlineData(LiveConnectionState.Disconnected, "Offline")]
    public void Render_NotConnected_ShowsStateText(LiveConnectionState state, string expected)
    {
        var cut = Ctx.Render<ConnectionDot>(p => p.Add(c => c.State, state));

        Assert.Equal(expected, cut.Find(".ls-conn__text").TextContent.Trim());
        Assert.Equal(state.ToString().ToLowerInvariant(), cut.Find("[data-testid=live-connection]").GetAttribute("data-state"));
    }
}
