using LiveShop.Client.Components;
using LiveShop.Shared;

namespace LiveShop.Client.Tests.Components;

public sealed class ChatComposerTests : BunitTestBase
{
    [Fact]
    public void Render_CannotChat_ShowsSignInLinkWithoutInput()
    {
        var cut = Ctx.Render<ChatComposer>(p => p
            .Add(c => c.CanChat, false)
            .Add(c => c.SignInHref, "account/sign-in?returnUrl=shows%2F42"));

        var link = cut.Find("[data-testid=chat-sign-in]");
        Assert.Equal("A", link.TagName);
        Assert.Equal("account/sign-in?returnUrl=shows%2F42", link.GetAttribute("href"));
        Assert.Empty(cut.FindAll("input"));
        Assert.Empty(cut.FindAll("[data-testid=chat-send]"));
    }

    [Fact]
    public void Submit_Text_RaisesOnSendWithTrimmedTextAndClearsInput()
    {
        var sent = new List<string>();
        var cut = Ctx.Render<ChatComposer>(p => p
            .Add(c => c.CanChat, true)
            .Add(c => c.OnSend, (string text) => sent.Add(text)));
        Assert.Empty(cut.FindAll("[data-testid=chat-sign-in]"));

        cut.Find("[data-testid=chat-input]").Input("  Is the 150g tin back?  ");
        Assert.False(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));
        cut.Find("[data-testid=chat-form]").Submit();

        Assert.Equal(["Is the 150g tin back?"], sent);
        Assert.True(string.IsNullOrEmpty(cut.Find("[data-testid=chat-input]").GetAttribute("value")));
        Assert.True(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));
    }

    [Fact]
    public void Submit_WhitespaceOnly_DoesNotRaiseOnSendAndSendIsDisabled()
    {
        var sent = new List<string>();
        var cut = Ctx.Render<ChatComposer>(p => p
            .Add(c => c.CanChat, true)
            .Add(c => c.OnSend, (string text) => sent.Add(text)));

        cut.Find("[data-testid=chat-input]").Input("   \t ");

        Assert.True(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));
        cut.Find("[data-testid=chat-form]").Submit();
        Assert.Empty(sent);
    }

    [Fact]
    public void Render_Empty_SendIsDisabled()
    {
        var cut = Ctx.Render<ChatComposer>(p => p.Add(c => c.CanChat, true));

        Assert.True(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=chat-input]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_Disabled_DisablesInputAndSend()
    {
        var cut = Ctx.Render<ChatComposer>(p => p
            .Add(c => c.CanChat, true)
            .Add(c => c.Disabled, true));

        Assert.True(cut.Find("[data-testid=chat-input]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=chat-send]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_CanChat_LimitsInputLength()
    {
        var cut = Ctx.Render<ChatComposer>(p => p.Add(c => c.CanChat, true));

        Assert.Equal(Limits.ChatMessageMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=chat-input]").GetAttribute("maxlength"));
    }
}
