using LiveShop.Client.Components;
using LiveShop.Shared.Sales;

namespace LiveShop.Client.Tests.Components;

public sealed class PurchaseToastsTests : BunitTestBase
{
    private static PurchaseToastDto Toast(string buyer, string product) =>
        new(ShopTestData.ShowId, buyer, Guid.NewGuid(), product, DeviceNow);

    [Fact]
    public void Show_TwoAtOnce_ShowsThemOneAfterTheOtherThenNothing()
    {
        var cut = Ctx.Render<PurchaseToasts>();
        Assert.Empty(cut.FindAll("[data-testid=purchase-toast]"));

        cut.InvokeAsync(() =>
        {
            cut.Instance.Show(Toast("Mei L.", "Jade Face Roller"));
            cut.Instance.Show(Toast("Ann C.", "Alishan oolong 150g"));
        });

        Assert.Equal("Mei L. just bought Jade Face Roller", Single(cut));

        Clock.Advance(PurchaseToasts.Duration);
        cut.WaitForAssertion(() => Assert.Equal("Ann C. just bought Alishan oolong 150g", Single(cut)));

        Clock.Advance(PurchaseToasts.Duration);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=purchase-toast]")));
    }

    [Fact]
    public void Show_ABusyShow_OnlyTheNewestWaits_NoToastLagsBehind()
    {
        var cut = Ctx.Render<PurchaseToasts>();

        cut.InvokeAsync(() =>
        {
            cut.Instance.Show(Toast("Mei L.", "Jade Face Roller"));
            cut.Instance.Show(Toast("Ann C.", "Alishan oolong 150g"));
            cut.Instance.Show(Toast("Eleni G.", "Pineapple Cakes"));
        });
        Assert.Equal("Mei L. just bought Jade Face Roller", Single(cut));

        Clock.Advance(PurchaseToasts.Duration);
        cut.WaitForAssertion(() => Assert.Equal("Eleni G. just bought Pineapple Cakes", Single(cut)));
        Clock.Advance(PurchaseToasts.Duration);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=purchase-toast]")));
    }

    private static string Single(IRenderedComponent<PurchaseToasts> cut) =>
        string.Join(' ', Assert.Single(cut.FindAll("[data-testid=purchase-toast]")).TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
