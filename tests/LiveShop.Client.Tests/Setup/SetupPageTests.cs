using System.Net;
using Bunit.TestDoubles;
using System.Text.Json;
using LiveShop.Client.Features.Setup;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Setup;

public sealed class SetupPageTests : BunitTestBase
{
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");

    private readonly FakeApi _api;

    public SetupPageTests()
        : this(new FakeApi())
    {
    }

    private SetupPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
    }

    [Fact]
    public void Finish_TokenAdminAndShop_SendsThemAndOpensTheShopsProducts()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Setup, FakeApi.Json(HttpStatusCode.OK, new SetupStatusDto(true)));
        _api.Answer(HttpMethod.Post, ApiRoutes.Setup, FakeApi.Json(HttpStatusCode.OK, new MyShopDto(ShopId, "Formosa Tea & Beauty", "formosa-tea-beauty", null, ShopRole.Owner, false)));
        var page = Ctx.Render<SetupPage>();

        FillAdministrator(page, " K7-setup-token ");
        page.Find("[data-testid=setup-admin-form]").Submit();
        page.WaitForElement("[data-testid=setup-shop-form]");
        Field(page, "shop-name").Input("Formosa Tea & Beauty");
        Assert.Equal("formosa-tea-beauty", Field(page, "shop-slug").GetAttribute("value"));
        page.Find("[data-testid=setup-shop-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Method == HttpMethod.Post));
        var sent = JsonSerializer.Deserialize<SetupRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal("K7-setup-token", sent.Token);
        Assert.Equal(("mei@formosa.example", "Mei Lin", "s3cret-pass"), (sent.Email, sent.DisplayName, sent.Password));
        Assert.Equal(new ShopSettingsRequest("Formosa Tea & Beauty", "formosa-tea-beauty", "TW", Currencies.Twd, "mei@formosa.example", "Asia/Taipei"), sent.Shop);
        var navigation = Ctx.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Equal($"http://localhost/shops/{ShopId}/products", navigation.Uri));
        Assert.True(navigation.History.Single().Options.ForceLoad);
    }

    [Fact]
    public void Finish_WrongToken_ShowsTheServersSentenceOnTheFirstStep()
    {
        const string sentence = "That is not the setup token. Copy it from the server's log (the line that says “setup token”).";
        _api.Answer(HttpMethod.Get, ApiRoutes.Setup, FakeApi.Json(HttpStatusCode.OK, new SetupStatusDto(true)));
        _api.Answer(HttpMethod.Post, ApiRoutes.Setup, FakeApi.Problem(HttpStatusCode.Forbidden, ProblemCodes.SetupTokenInvalid, sentence));
        var page = Ctx.Render<SetupPage>();

        FillAdministrator(page, "wrong");
        page.Find("[data-testid=setup-admin-form]").Submit();
        page.WaitForElement("[data-testid=setup-shop-form]");
        Field(page, "shop-name").Input("Formosa Tea");
        page.Find("[data-testid=setup-shop-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal(sentence, page.Find("[data-testid=setup-error]").TextContent.Trim()));
        Assert.Equal("wrong", Field(page, "setup-token").GetAttribute("value"));
        Assert.Empty(Ctx.Services.GetRequiredService<BunitNavigationManager>().History);
    }

    [Fact]
    public void Render_AlreadySetUp_SaysSoAndOffersSignIn()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Setup, FakeApi.Json(HttpStatusCode.OK, new SetupStatusDto(false)));
        var page = Ctx.Render<SetupPage>();

        page.WaitForElement("[data-testid=setup-done]");
        Assert.Empty(page.FindAll("[data-testid=setup-token]"));
        Assert.Contains("account/sign-in", page.Find("[data-testid=setup-done] a").GetAttribute("href"), StringComparison.Ordinal);
    }

    private static void FillAdministrator(IRenderedComponent<SetupPage> page, string token)
    {
        page.WaitForElement("[data-testid=setup-admin-form]");
        Field(page, "setup-token").Change(token);
        Field(page, "setup-name").Change("Mei Lin");
        Field(page, "setup-email").Change("mei@formosa.example");
        Field(page, "setup-password").Change("s3cret-pass");
    }

    private static AngleSharp.Dom.IElement Field(IRenderedComponent<SetupPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input");
}
