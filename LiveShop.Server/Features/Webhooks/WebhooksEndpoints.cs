using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>A shop's webhook endpoints and their deliveries (owners and managers): see docs/webhooks.md.</summary>
public static class WebhooksEndpoints
{
    public static IEndpointRouteBuilder MapWebhooksEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Shops + "/{shopId:guid}/webhooks").WithTags("Webhooks").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ShopWebhooks").WithSummary("The shop's webhook endpoints (never their secrets).");
        group.MapPost("/", CreateAsync).WithName("CreateShopWebhook").WithSummary("Adds an endpoint; the answer holds its signing secret, shown this once.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{endpointId:guid}", UpdateAsync).WithName("UpdateShopWebhook").WithSummary("Changes an endpoint's URL, description, events or active flag.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapDelete("/{endpointId:guid}", DeleteAsync).WithName("DeleteShopWebhook").WithSummary("Removes an endpoint and its deliveries.");
        group.MapPost("/{endpointId:guid}/secret", RollSecretAsync).WithName("RollShopWebhookSecret").WithSummary("A new signing secret, shown this once; the old one stops at once.");
        group.MapGet("/{endpointId:guid}/deliveries", DeliveriesAsync).WithName("ShopWebhookDeliveries").WithSummary($"The endpoint's latest deliveries with every attempt.");
        group.MapPost("/{endpointId:guid}/deliveries/{deliveryId:guid}/resend", ResendAsync).WithName("ResendShopWebhook").WithSummary("Delivers the event again: same id, same body.");
        group.MapPost("/{endpointId:guid}/test", TestAsync).WithName("TestShopWebhook").WithSummary("Sends a webhook.test event to this endpoint only.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<WebhookEndpointDto>>> ListAsync(Guid shopId, ClaimsPrincipal user, ShopWebhooks webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhooks.ListAsync(user, shopId, cancellationToken));

    private static async Task<Created<WebhookSecretDto>> CreateAsync(Guid shopId, SaveWebhookEndpointRequest? request, ClaimsPrincipal user, ShopWebhooks webhooks, CancellationToken cancellationToken)
    {
        var created = await webhooks.CreateAsync(user, shopId, request, cancellationToken);
        return TypedResults.Created(ApiRoutes.ShopWebhook(shopId, created.Endpoint.Id), created);
    }

    private static async Task<Ok<WebhookEndpointDto>> UpdateAsync(Guid shopId, Guid endpointId, SaveWebhookEndpointRequest? request, ClaimsPrincipal user, ShopWebhooks webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhooks.UpdateAsync(user, shopId, endpointId, request, cancellationToken));

    private static async Task<NoContent> DeleteAsync(Guid shopId, Guid endpointId, ClaimsPrincipal user, ShopWebhooks webhooks, CancellationToken cancellationToken)
    {
        await webhooks.DeleteAsync(user, shopId, endpointId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<WebhookSecretDto>> RollSecretAsync(Guid shopId, Guid endpointId, ClaimsPrincipal user, ShopWebhooks webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhooks.RollSecretAsync(user, shopId, endpointId, cancellationToken));

    private static async Task<Ok<IReadOnlyList<WebhookDeliveryDto>>> DeliveriesAsync(Guid shopId, Guid endpointId, ClaimsPrincipal user, ShopWebhooks webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhooks.DeliveriesAsync(user, shopId, endpointId, cancellationToken));

    private static async Task<Accepted<WebhookDeliveryDto>> ResendAsync(Guid shopId, Guid endpointId, Guid deliveryId, ClaimsPrincipal user, ShopWebhooks webhooks, CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null, await webhooks.ResendAsync(user, shopId, endpointId, deliveryId, cancellationToken));

    private static async Task<Accepted<WebhookDeliveryDto>> TestAsync(Guid shopId, Guid endpointId, ClaimsPrincipal user, ShopWebhooks webhooks, CancellationToken cancellationToken) =>
        TypedResults.Accepted((string?)null, await webhooks.SendTestAsync(user, shopId, endpointId, cancellationToken));
}

public static class WebhooksExtensions
{
    /// <summary>Shops' webhook endpoints, the outbox dispatcher and its HTTP client.</summary>
    public static WebApplicationBuilder AddLiveShopWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.PollSeconds is > 0 and <= 3600 && o.TimeoutSeconds is > 0 and <= 120 && o.BackoffBaseSeconds > 0
                && o.BackoffCapSeconds >= o.BackoffBaseSeconds && o.RetryForHours is > 0 and <= 24 * 7 && o.MaxConcurrency is >= 1 and <= 64,
                "Webhooks: PollSeconds 0–3600, TimeoutSeconds 0–120, BackoffBaseSeconds above 0 and at most BackoffCapSeconds, RetryForHours up to 168, MaxConcurrency 1–64.")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookSecrets>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddSingleton<OutboxWake>();
        builder.Services.AddScoped<ShopWebhooks>();
        builder.Services.ConfigureDbContext<SqliteLiveShopDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<OutboxWake>().Interceptors));
        builder.Services.ConfigureDbContext<SqlServerLiveShopDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<OutboxWake>().Interceptors));

        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks ?? sp.GetRequiredService<IHostEnvironment>().IsDevelopment();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = allowPrivate ? null : PublicAddressOnly.ConnectAsync,
                };
            });
        return builder;
    }
}
