using System.Net;
using System.Text.Json;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveShop.Client.Tests.BackOffice.Catalog;

/// <summary>
/// A back-office page against a <see cref="FakeApi"/> (which matches routes by path) with every request's
/// full address (query included) kept in <see cref="Addresses"/>, and the snackbar and dialog providers
/// rendered as the layout does.
/// </summary>
public abstract class CatalogTestBase : BunitTestBase
{
    protected static readonly Guid ShopId = Guid.Parse("5b0b0000-0000-0000-0000-000000000001");

    protected CatalogTestBase()
        : this(new FakeApi(), new AddressRecorder())
    {
    }

    private CatalogTestBase(FakeApi api, AddressRecorder recorder)
        : base(services =>
        {
            recorder.InnerHandler = api;
            services.AddSingleton(new ApiClient(new HttpClient(recorder) { BaseAddress = new Uri("http://localhost/") }));
        })
    {
        Api = api;
        Recorder = recorder;
    }

    protected FakeApi Api { get; }

    private AddressRecorder Recorder { get; }

    /// <summary>Every request's method and path with its query, in order.</summary>
    protected IReadOnlyList<string> Addresses => Recorder.Addresses;

    protected IRenderedComponent<MudDialogProvider> Dialogs { get; private set; } = default!;

    /// <summary>The caller belongs to this shop with <paramref name="role"/> (and to one more shop).</summary>
    protected void GivenMember(ShopRole role) =>
        Api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, new[]
        {
            new MyShopDto(ShopId, "Formosa Tea & Beauty", "formosa", null, role, false),
            new MyShopDto(Guid.NewGuid(), "Athens Skincare", "athens", null, ShopRole.Host, false),
        }));

    protected void RenderProviders()
    {
        Ctx.Render<MudSnackbarProvider>();
        Dialogs = Ctx.Render<MudDialogProvider>();
    }

    protected static ShopProductDto Product(string sku, string name, decimal price = 690m, int stock = 12, params ProductPhotoDto[] photos) =>
        new(Guid.NewGuid(), ShopId, sku, name, "Cool jade, for the morning.", price, null, Currencies.Twd, stock, 3, stock <= 3, false,
            photos.Length > 0 ? photos[0].MediumUrl : "", photos, DeviceNow.AddDays(-3), DeviceNow.AddHours(-2));

    protected static ProductPhotoDto Photo(string name) =>
        new(Guid.NewGuid(), $"/media/{name}-320.webp", $"/media/{name}-800.webp", $"/media/{name}-1600.webp", 1600, 1600);

    protected static T Body<T>(SentRequest request) => JsonSerializer.Deserialize<T>(request.Body!, JsonSerializerOptions.Web)!;

    /// <summary>An input rendered by a MudBlazor field, wherever the field put its test id.</summary>
    protected static AngleSharp.Dom.IElement Field(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> component, string testId) =>
        component.Find($"input[data-testid={testId}], [data-testid={testId}] input, textarea[data-testid={testId}], [data-testid={testId}] textarea");

    private sealed class AddressRecorder : DelegatingHandler
    {
        public List<string> Addresses { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Addresses)
            {
                Addresses.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
