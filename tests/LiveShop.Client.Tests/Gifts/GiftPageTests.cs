using System.Net;
using System.Text.Json;
using Bunit;
using LiveShop.Client.Features.Gifts;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Gifts;

/// <summary>A gift's link opened by its recipient: the gift without a price, the address form, Accept, and a link that does not work.</summary>
public sealed class GiftPageTests : BunitTestBase
{
    private const string Token = "t_secret-from-the-link";
    private static readonly Guid OrderId = Guid.Parse("0193a000-0000-7000-8000-0000000000a1");

    private static readonly GiftPageDto Waiting = new("Mei Lin", "Formosa Tea & Beauty", "Happy birthday!\nLove, Mei",
        [new GiftLineDto("Jade facial roller", "Green", "/media/jade.jpg", 1), new GiftLineDto("Oolong tea 150 g", null, "/media/oolong.jpg", 2)],
        GiftState.Waiting, DeviceNow.AddDays(7), null);

    private readonly FakeApi _api;

    public GiftPageTests()
        : this(new FakeApi())
    {
    }

    private GiftPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
    }

    [Fact]
    public void TheRecipient_SeesWhoSendsWhat_AndAcceptsWithTheirAddress_TheTokenOnlyInAHeader()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Gift(OrderId), FakeApi.Json(HttpStatusCode.OK, Waiting));
        _api.Answer(HttpMethod.Post, ApiRoutes.AcceptGift(OrderId), FakeApi.Json(HttpStatusCode.OK, Waiting with { State = GiftState.Accepted }));
        var page = Render();

        page.WaitForAssertion(() => Assert.Equal("Mei Lin sent you a gift", page.Find("[data-testid=gift-headline]").TextContent.Trim()));
        Assert.Equal("Happy birthday!\nLove, Mei", page.Find("[data-testid=gift-message]").TextContent);
        Assert.Equal(2, page.FindAll("[data-testid=gift-item]").Count);
        Assert.Contains("× 2", page.FindAll("[data-testid=gift-item]")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Mei Lin will not see your address.", page.Find("[data-testid=gift-deadline]").TextContent, StringComparison.Ordinal);
        var load = Assert.Single(_api.Sent);
        Assert.Equal((Token, ""), (load.GiftToken, load.Query));

        Fill(page, "address-name", "Eleni Papadaki");
        Fill(page, "address-line1", "Odos Ermou 12");
        Fill(page, "address-city", "Athens");
        Fill(page, "address-postal-code", "105 63");
        Fill(page, "address-country", "Greece");
        Fill(page, "address-phone", "+30 690 000 0000");
        page.Find("[data-testid=gift-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("Accepted. Formosa Tea & Beauty is preparing your parcel.", page.Find("[data-testid=gift-state]").TextContent.Trim()));
        var accept = _api.Sent.Single(s => s.Method == HttpMethod.Post);
        Assert.Equal(Token, accept.GiftToken);
        var sent = JsonSerializer.Deserialize<AcceptGiftRequest>(accept.Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(new ShippingAddressDto("Eleni Papadaki", "Odos Ermou 12", null, "Athens", "105 63", "Greece", "+30 690 000 0000"), sent.Address);
        Assert.Empty(page.FindAll("[data-testid=gift-form]"));
    }

    [Fact]
    public void AnIncompleteAddress_IsNotSent_AndARefusalIsShownInPlace()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Gift(OrderId), FakeApi.Json(HttpStatusCode.OK, Waiting));
        _api.Answer(HttpMethod.Post, ApiRoutes.AcceptGift(OrderId), FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.GiftClosed, "This gift can no longer be accepted."));
        var page = Render();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=gift-form]")));

        page.Find("[data-testid=gift-form]").Submit();
        Assert.DoesNotContain(_api.Sent, s => s.Method == HttpMethod.Post);

        foreach (var (field, value) in new[] { ("address-name", "Eleni"), ("address-line1", "Ermou 12"), ("address-city", "Athens"), ("address-postal-code", "10563"), ("address-country", "Greece"), ("address-phone", "690") })
        {
            Fill(page, field, value);
        }

        page.Find("[data-testid=gift-form]").Submit();
        page.WaitForAssertion(() => Assert.Equal("This gift can no longer be accepted.", page.Find("[data-testid=gift-error]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=gift-accept]"));
    }

    [Fact]
    public void ALinkThatOpensNoGift_SaysSo()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Gift(OrderId), FakeApi.Problem(HttpStatusCode.NotFound, ProblemCodes.GiftNotFound, "There is no such gift. Check the link you were sent."));
        var page = Render();

        page.WaitForAssertion(() => Assert.Contains("There is no such gift. Check the link you were sent.", page.Find("[data-testid=gift-unusable]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=gift-form]"));
    }

    private IRenderedComponent<GiftPage> Render()
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"gift/{OrderId:N}#{Token}");
        return Ctx.Render<GiftPage>(p => p.Add(x => x.OrderId, OrderId));
    }

    private static void Fill(IRenderedComponent<GiftPage> page, string testId, string value) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}]").Change(value);
}
