using LiveShop.Client.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace LiveShop.Client.Tests.Components;

/// <summary>
/// The sheet's keyboard contract as far as a test without a browser can see it: a named modal dialog that
/// takes focus and traps Tab while open, gives focus back when it closes, and closes on Escape. The Tab
/// wrap itself runs in the browser (AccessibilityTests, E2E).
/// </summary>
public sealed class BottomSheetTests : BunitTestBase
{
    private const string Module = "./js/sheet-focus.js";

    private IRenderedComponent<BottomSheet> RenderSheet(bool open, Action onClose) =>
        Ctx.Render<BottomSheet>(p => p
            .Add(s => s.Open, open)
            .Add(s => s.Title, "Your cart")
            .Add(s => s.TestId, "cart-sheet")
            .Add(s => s.OnClose, onClose)
            .Add(s => s.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<button>Pay</button>"))));

    [Fact]
    public void Render_Open_IsANamedModalDialogThatTakesFocusAndTrapsTab()
    {
        var module = Ctx.JSInterop.SetupModule(Module);

        var cut = RenderSheet(open: true, () => { });

        var sheet = cut.Find("[data-testid=cart-sheet]");
        Assert.Equal("dialog", sheet.GetAttribute("role"));
        Assert.Equal("true", sheet.GetAttribute("aria-modal"));
        Assert.Equal("Your cart", sheet.GetAttribute("aria-label"));
        Assert.Equal("Close", cut.Find("[data-testid=sheet-close]").GetAttribute("aria-label"));
        // The trap focuses the sheet itself, after noting the opener (focusing first would lose the opener).
        Assert.IsType<ElementReference>(module.VerifyInvoke("trap").Arguments[0]);
    }

    [Fact]
    public void Render_ClosedAfterOpen_ReleasesTheTrapSoFocusGoesBack()
    {
        var module = Ctx.JSInterop.SetupModule(Module);
        var cut = RenderSheet(open: true, () => { });
        module.VerifyInvoke("trap");
        module.VerifyNotInvoke("release");

        cut.Render(p => p.Add(s => s.Open, false));

        Assert.Empty(cut.FindAll("[data-testid=cart-sheet]"));
        module.VerifyInvoke("release");
    }

    [Fact]
    public void KeyDown_Escape_Closes_OtherKeysDoNot()
    {
        Ctx.JSInterop.SetupModule(Module);
        var closed = 0;
        var cut = RenderSheet(open: true, () => closed++);

        cut.Find("[data-testid=cart-sheet]").KeyDown(new KeyboardEventArgs { Key = "Tab" });
        Assert.Equal(0, closed);

        cut.Find("[data-testid=cart-sheet]").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Equal(1, closed);
    }

    [Fact]
    public async Task CloseFromKeyboard_EscapeWhileFocusIsOutsideTheOpenSheet_Closes()
    {
        Ctx.JSInterop.SetupModule(Module);
        var closed = 0;
        var cut = RenderSheet(open: true, () => closed++);

        await cut.InvokeAsync(cut.Instance.CloseFromKeyboardAsync);

        Assert.Equal(1, closed);
    }

    [Fact]
    public void Render_NeverOpened_TrapsNothing()
    {
        var module = Ctx.JSInterop.SetupModule(Module);

        var cut = RenderSheet(open: false, () => { });

        Assert.Empty(cut.FindAll("[data-testid=cart-sheet]"));
        module.VerifyNotInvoke("trap");
    }
}
