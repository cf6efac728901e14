using LiveShop.Server.Features.Claims;
using LiveShop.Server.Features.Creators;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Accounts;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Email;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Localization;
using LiveShop.Server.Features.Media;
using LiveShop.Server.Features.Moderation;
using LiveShop.Server.Features.Fulfilment;
using LiveShop.Server.Features.Gifts;
using LiveShop.Server.Features.Health;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Payments;
using LiveShop.Server.Features.Refunds;
using LiveShop.Server.Features.Sales;
using LiveShop.Server.Features.Security;
using LiveShop.Server.Features.Shops;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Features.Stores;
using LiveShop.Server.Features.Telemetry;
using LiveShop.Server.Features.Video;
using LiveShop.Server.Features.Video.Acs;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Hubs;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Development under `dotnet run` (launch profile) unless the shell chose an environment: see LaunchEnvironment.
    EnvironmentName = LaunchEnvironment.Resolve(args, Environment.GetEnvironmentVariable),
});

// Run from a build output (`dotnet run`, tests) outside Development, the static web assets (_framework, _content)
// are still in the projects' and packages' folders: read their manifest, as Development does by itself. A publish
// output has no such manifest (its wwwroot holds every file), so there this does nothing.
if (!builder.Environment.IsDevelopment())
{
    builder.WebHost.UseStaticWebAssets();
}

builder.AddLiveShopData();
builder.AddLiveShopEmail();
builder.AddLiveShopAccounts();
builder.AddLiveShopShops();
builder.AddLiveShopCreators();
builder.AddLiveShopStores();
builder.AddLiveShopShows();
builder.AddLiveShopLive();
builder.AddLiveShopClaims();
builder.AddLiveShopGifts();
builder.AddLiveShopOrders();
builder.AddLiveShopPayments();
builder.AddLiveShopFulfilment();
builder.AddLiveShopRefunds();
builder.AddLiveShopSales();
builder.AddLiveShopWebhooks();
builder.AddLiveShopModeration();
builder.AddLiveShopIdentities();
builder.AddLiveShopVideo();
builder.AddLiveShopMedia();
builder.AddLiveShopRealtime();
builder.AddLiveShopScaleout();
builder.AddLiveShopRateLimits();
builder.AddLiveShopWeb();
builder.AddLiveShopLocalization();
builder.AddLiveShopHealth();
builder.AddLiveShopTelemetry();

var app = builder.Build();

await app.InitializeLiveShopDataAsync();
await app.PrepareLiveShopSetupAsync();

app.UseLiveShopWeb();
app.MapHealthEndpoints();
app.MapTelemetryEndpoints();
app.MapAccountEndpoints();
app.MapLanguageEndpoints();
app.MapShopsEndpoints();
app.MapCreatorEndpoints();
app.MapStoreEndpoints();
app.MapAccountSecurityEndpoints();
app.MapEmailEndpoints();
app.MapCatalogEndpoints();
app.MapShopCatalogEndpoints();
app.MapCatalogCsvEndpoints();
app.MapShowEndpoints();
app.MapChatHistoryEndpoints();
app.MapOrderEndpoints();
app.MapPaymentsEndpoints();
app.MapCheckoutEndpoints();
app.MapFulfilmentEndpoints();
app.MapGiftEndpoints();
app.MapRefundEndpoints();
app.MapSalesEndpoints();
app.MapWebhooksEndpoints();
app.MapModerationEndpoints();
app.MapVideoEndpoints();
app.MapAcsEndpoints();
app.MapMediaEndpoints();
app.MapLiveShopHub();
app.MapLiveShopPages();

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
