using LiveShop.Client.Components;

namespace LiveShop.Client.Tests.Components;

public sealed class HeartButtonTests : BunitTestBase
{
    private const string FloatingHeart = ".ls-hearts__float";

    [Fact]
    public void Click_Heart_RaisesOnReactAndFloatsAHeart()
    {
        var reacted = 0;
        var cut = Ctx.Render<HeartButton>(p => p.Add(c => c.OnReact, () => reacted++));
        Assert.Empty(cut.FindAll(FloatingHeart));

        cut.Find("[data-testid=heart-button]").Click();

        Assert.Equal(1, reacted);
        Assert.Single(cut.FindAll(FloatingHeart));
    }

    [Fact]
    public async Task Float_Three_FloatsThreeHearts()
    {
        var cut = Ctx.Render<HeartButton>();

        await cut.InvokeAsync(() => cut.Instance.Float(3));

        Assert.Equal(3, cut.FindAll(FloatingHeart).Count);
    }

    [Fact]
    public async Task Float_ManyAtOnce_FloatsAtMostEight()
    {
        var cut = Ctx.Render<HeartButton>();

        await cut.InvokeAsync(() => cut.Instance.Float(500));

        Assert.Equal(8, cut.FindAll(FloatingHeart).Count);
    }

    [Fact]
    public void Render_Total_ShowsTotal()
    {
        var cut = Ctx.Render<HeartButton>(p => p.Add(c => c.Total, 1234L));

        Assert.Equal("1234", cut.Find("[data-testid=reaction-total]").TextContent.Trim());
    }

    [Fact]
    public void Render_Disabled_DisablesButton()
    {
        var cut = Ctx.Render<HeartButton>(p => p.Add(c => c.Disabled, true));

        Assert.True(cut.Find("[data-testid=heart-button]").HasAttribute("disabled"));
    }
}
