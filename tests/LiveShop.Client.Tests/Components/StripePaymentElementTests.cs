using Bunit;
using LiveShop.Client.Components;
using Microsoft.JSInterop;

namespace LiveShop.Client.Tests.Components;

/// <summary>Stripe's Payment Element through its JS module: mounted with the session, confirmed on demand, and a clear sentence when Stripe.js cannot load.</summary>
public sealed class StripePaymentElementTests : BunitTestBase
{
    private const string Module = "./js/stripe-payment.js";

    private IRenderedComponent<StripePaymentElement> Render() => Ctx.Render<StripePaymentElement>(p => p
        .Add(e => e.ClientSecret, "pi_9_secret_x")
        .Add(e => e.PublishableKey, "pk_test_9")
        .Add(e => e.ReturnUrl, "http://localhost/shows/1"));

    [Fact]
    public async Task Mounted_ConfirmsWithTheReturnUrl_AndGivesStripesAnswer()
    {
        var module = Ctx.JSInterop.SetupModule(Module);
        module.SetupVoid("mount", _ => true).SetVoidResult();
        var confirm = module.Setup<StripeConfirmResult>("confirm", _ => true);
        confirm.SetResult(new StripeConfirmResult("succeeded", null));

        var element = Render();
        element.WaitForAssertion(() => Assert.True(element.Instance.Ready));
        Assert.Empty(element.FindAll("[data-testid=stripe-loading]"));

        var answer = await element.InvokeAsync(() => element.Instance.ConfirmAsync());

        Assert.Equal(new StripeConfirmResult("succeeded", null), answer);
        Assert.Equal("http://localhost/shows/1", Assert.Single(confirm.Invocations["confirm"]).Arguments[1]);
    }

    [Fact]
    public async Task StripeJsCannotLoad_SaysSo_AndConfirmingChargesNothing()
    {
        var module = Ctx.JSInterop.SetupModule(Module);
        module.SetupVoid("mount", _ => true).SetException(new JSException("Stripe.js could not be loaded."));
        var confirm = module.Setup<StripeConfirmResult>("confirm", _ => true);

        var element = Render();

        element.WaitForAssertion(() => Assert.Contains("could not load", element.Find("[data-testid=stripe-load-error]").TextContent, StringComparison.Ordinal));
        var answer = await element.InvokeAsync(() => element.Instance.ConfirmAsync());
        Assert.Null(answer.Status);
        Assert.Empty(confirm.Invocations["confirm"]);
    }
}
