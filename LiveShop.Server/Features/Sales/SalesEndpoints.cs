using System.Security.Claims;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Security;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Sales;

/// <summary>A show's sales dashboard, its orders and CSV, share links, and the host's earnings.</summary>
public static class SalesEndpoints
{
    public static IEndpointRouteBuilder MapSalesEndpoints(this IEndpointRouteBuilder app)
    {
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

        app.MapGet("/r/{code}", OpenShareLinkAsync).ExcludeFromDescription().RequireRateLimiting(RateLimitPolicies.ShareLink);
        return app;
    }

    private static async Task<Ok<SalesDashboardDto>> DashboardAsync(Guid id, ClaimsPrincipal user, SalesQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.DashboardAsync(user, id, cancellationToken));

    private static async Task<Ok<IReadOnlyList<OrderDto>>> ShowOrdersAsync(Guid id, ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ForShowAsync(user, id, cancellationToken));

    private static async Task<FileContentHttpResult> CsvAsync(Guid id, ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken)
    {
        return CsvFile.Result(await queries.CsvAsync(user, id, cancellationToken), $"liveshop-orders-{id:N}.csv");
    }

    private static async Task<Ok<IReadOnlyList<ShareLinkDto>>> LinksAsync(Guid id, ClaimsPrincipal user, ShareLinks links, CancellationToken cancellationToken) =>
        TypedResults.Ok(await links.ListAsync(user, id, cancellationToken));

    private static async Task<Created<ShareLinkDto>> CreateLinkAsync(Guid id, CreateShareLinkRequest? request, ClaimsPrincipal user, ShareLinks links, CancellationToken cancellationToken)
    {
        var link = await links.CreateAsync(user, id, request, cancellationToken);
        return TypedResults.Created(link.Path, link);
    }

    private static async Task<Ok<EarningsReportDto>> EarningsAsync(DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, SalesQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.EarningsReportAsync(user, QueryParameters.Instant(from, "from"), QueryParameters.Instant(to, "to"), cancellationToken));

    /// <summary>
    /// A visitor opens a share link and lands on the show (or the product's sheet); unknown codes get
    /// the not-found page. Only a browser that keeps the visitor cookie records a touch: a first visit
    /// without one gets the cookie and comes back once (<c>?v=1</c>); a client that comes back without
    /// it, or a crawler, lands on the show and records nothing (see docs/metrics.md).
    /// </summary>
    private static async Task<IResult> OpenShareLinkAsync(string code, ClaimsPrincipal user, HttpContext context, ShareLinks links, CancellationToken cancellationToken)
    {
        var link = await links.FindAsync(code, cancellationToken);
        if (link is null)
        {
            return Results.NotFound();
        }

        if (CrawlerAgents.IsCrawler(context))
        {
            return Results.Redirect(ShareLinks.Target(link));
        }

        if (VisitorCookie.Read(context) is not { } visitorId)
        {
            if (context.Request.Query.ContainsKey(ShareLinks.ReturnedParameter))
            {
                return Results.Redirect(ShareLinks.Target(link));
            }

            VisitorCookie.Ensure(context);
            return Results.Redirect($"{ApiRoutes.ShareLink(link.Code)}?{ShareLinks.ReturnedParameter}=1");
        }

        await links.TouchAsync(link, visitorId, user.FindUserId(), cancellationToken);
        return Results.Redirect(ShareLinks.Target(link));
    }
}

public static class SalesExtensions
{
    /// <summary>Attribution, share links, the sales pulse and the dashboards.</summary>
    public static WebApplicationBuilder AddLiveShopSales(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttributionOptions>().Bind(builder.Configuration.GetSection(AttributionOptions.Section))
            .Validate(o => o.WindowDays is >= 1 and <= 90 && o.HalfLifeHours is > 0 and <= 24 * 90, "Attribution: WindowDays 1–90, HalfLifeHours above 0 (at most 90 days).")
            .Validate(o => o.TouchRepeatMinutes is >= 0 and <= 24 * 60, "Attribution: TouchRepeatMinutes 0–1440.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ViewerTracker>();
        builder.Services.AddSingleton<SalesPulse>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SalesPulse>());
        builder.Services.AddScoped<SalesQueries>();
        builder.Services.AddScoped<ShareLinks>();
        return builder;
    }
}
