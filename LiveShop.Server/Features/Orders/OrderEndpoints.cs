using System.Security.Claims;
using System.Text;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Sales;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Server.Features.Orders;

public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup(ApiRoutes.Orders).WithTags("Orders");
        orders.MapPost("/", PlaceAsync).WithName("PlaceOrder")
            .WithSummary("Places an order in a show (Idempotency-Key header required). 201 when created; 200 with the same order when the key was seen before.")
            .Produces<OrderDto>(StatusCodes.Status201Created).Produces<OrderDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        orders.MapGet("/", MineAsync).WithName("MyOrders").WithSummary("The caller's orders, newest first.");
        orders.MapGet("/by-key", ByKeyAsync).WithName("OrderByKey")
            .WithSummary("The caller's order placed with the Idempotency-Key header's key; 404 when that attempt placed none. Never creates an order.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapGet("/{id:guid}", GetAsync).WithName("GetOrder").WithSummary("One order (its buyer, or the show's host).").ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapPost("/{id:guid}/status", ChangeStatusAsync).WithName("ChangeOrderStatus").WithSummary("The show's host marks an order shipped; the buyer is told at once.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var shows = app.MapGroup(ApiRoutes.Shows).WithTags("Sales");
        shows.MapGet("/{id:guid}/sales", DashboardAsync).WithName("ShowSales").WithSummary("The show's sales dashboard (host and co-host).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        shows.MapGet("/{id:guid}/orders", ShowOrdersAsync).WithName("ShowOrders").WithSummary("The show's orders (host and co-host).");
        shows.MapGet("/{id:guid}/orders.csv", CsvAsync).WithName("ShowOrdersCsv").WithSummary("The show's orders as CSV, one row per order line.");
        shows.MapGet("/{id:guid}/links", LinksAsync).WithName("ShareLinks").WithSummary("The show's share links with touches and credited sales.");
        shows.MapPost("/{id:guid}/links", CreateLinkAsync).WithName("CreateShareLink").WithSummary("A host or co-host makes a share link for the show or one product.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        app.MapGet(ApiRoutes.HostEarnings, EarningsAsync).WithTags("Sales").WithName("HostEarnings")
            .WithSummary("The calling host's commission per show and per currency for [from, to) (default: the last 30 days).");

        app.MapGet(ApiRoutes.Profile, ProfileAsync).WithTags("Accounts").WithName("GetProfile");
        app.MapPut(ApiRoutes.Profile, UpdateProfileAsync).WithTags("Accounts").WithName("UpdateProfile").ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/r/{code}", OpenShareLinkAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Created<OrderDto>, Ok<OrderDto>>> PlaceAsync(
        [FromHeader(Name = ApiRoutes.IdempotencyKeyHeader)] string? idempotencyKey,
        PlaceOrderRequest? request,
        ClaimsPrincipal user,
        HttpContext context,
        PlaceOrder placeOrder,
        CancellationToken cancellationToken)
    {
        var placed = await placeOrder.ExecuteAsync(user, idempotencyKey, request, VisitorCookie.Read(context), cancellationToken);
        return placed.Created
            ? TypedResults.Created(ApiRoutes.Order(placed.Order.Id), placed.Order)
            : TypedResults.Ok(placed.Order);
    }

    private static async Task<Ok<IReadOnlyList<OrderDto>>> MineAsync(ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.MineAsync(user, cancellationToken));

    private static async Task<Ok<OrderDto>> ByKeyAsync([FromHeader(Name = ApiRoutes.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ByKeyAsync(user, idempotencyKey, cancellationToken));

    private static async Task<Ok<OrderDto>> GetAsync(Guid id, ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetAsync(user, id, cancellationToken));

    private static async Task<Ok<OrderDto>> ChangeStatusAsync(Guid id, ChangeOrderStatusRequest? request, ClaimsPrincipal user, ShipOrder ship, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ship.ExecuteAsync(user, id, request, cancellationToken));

    private static async Task<Ok<SalesDashboardDto>> DashboardAsync(Guid id, ClaimsPrincipal user, SalesQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.DashboardAsync(user, id, cancellationToken));

    private static async Task<Ok<IReadOnlyList<OrderDto>>> ShowOrdersAsync(Guid id, ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ForShowAsync(user, id, cancellationToken));

    private static async Task<FileContentHttpResult> CsvAsync(Guid id, ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken)
    {
        var csv = await queries.CsvAsync(user, id, cancellationToken);

        // With a BOM, so spreadsheet apps read the Chinese and Greek names as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"liveshop-orders-{id:N}.csv");
    }

    private static async Task<Ok<IReadOnlyList<ShareLinkDto>>> LinksAsync(Guid id, ClaimsPrincipal user, ShareLinks links, CancellationToken cancellationToken) =>
        TypedResults.Ok(await links.ListAsync(user, id, cancellationToken));

    private static async Task<Created<ShareLinkDto>> CreateLinkAsync(Guid id, CreateShareLinkRequest? request, ClaimsPrincipal user, ShareLinks links, CancellationToken cancellationToken)
    {
        var link = await links.CreateAsync(user, id, request, cancellationToken);
        return TypedResults.Created(link.Path, link);
    }

    private static async Task<Ok<EarningsReportDto>> EarningsAsync(DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, SalesQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.EarningsReportAsync(user, from, to, cancellationToken));

    private static async Task<Ok<ProfileDto>> ProfileAsync(ClaimsPrincipal user, BuyerProfile profile, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profile.GetAsync(user, cancellationToken));

    private static async Task<Ok<ProfileDto>> UpdateProfileAsync(UpdateProfileRequest? request, ClaimsPrincipal user, BuyerProfile profile, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profile.UpdateAsync(user, request, cancellationToken));

    /// <summary>A visitor opens a share link: record the touch and land on the show (or the product's sheet). Unknown codes get the not-found page.</summary>
    private static async Task<IResult> OpenShareLinkAsync(string code, ClaimsPrincipal user, HttpContext context, ShareLinks links, CancellationToken cancellationToken)
    {
        var target = await links.TouchAsync(code, VisitorCookie.Ensure(context), user.FindUserId(), cancellationToken);
        return target is null ? Results.NotFound() : Results.Redirect(target);
    }
}

public static class OrdersExtensions
{
    /// <summary>Orders, payment, attribution and the sales dashboard.</summary>
    public static WebApplicationBuilder AddLiveShopOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttributionOptions>().Bind(builder.Configuration.GetSection(AttributionOptions.Section))
            .Validate(o => o.WindowDays is >= 1 and <= 90 && o.HalfLifeHours is > 0 and <= 24 * 90, "Attribution: WindowDays 1–90, HalfLifeHours above 0 (at most 90 days).")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPaymentGateway, DevelopmentPaymentGateway>();
        builder.Services.AddOptions<PaymentOptions>().Bind(builder.Configuration.GetSection(PaymentOptions.Section))
            .Validate(o => o.ReconcileAfterSeconds is >= 10 and <= 86_400 && o.ReconcileEverySeconds is >= 1 and <= 3_600, "Payments: ReconcileAfterSeconds 10–86400, ReconcileEverySeconds 1–3600.")
            .ValidateOnStart();
        builder.Services.AddScoped<PaymentRecorder>();
        builder.Services.AddSingleton<ChargesInFlight>();
        builder.Services.AddSingleton<PaymentReconciler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PaymentReconciler>());
        builder.Services.AddSingleton<ViewerTracker>();
        builder.Services.AddSingleton<SalesPulse>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SalesPulse>());
        builder.Services.AddScoped<PlaceOrder>();
        builder.Services.AddScoped<ShipOrder>();
        builder.Services.AddScoped<OrderQueries>();
        builder.Services.AddScoped<OrderNotifier>();
        builder.Services.AddScoped<BuyerProfile>();
        builder.Services.AddScoped<SalesQueries>();
        builder.Services.AddScoped<ShareLinks>();
        return builder;
    }
}
