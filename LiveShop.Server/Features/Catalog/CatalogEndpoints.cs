using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Catalog;

public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Catalog).WithTags("Catalog");
        group.MapGet("/products", ListProductsAsync).WithName("ListProducts")
            .WithSummary("The catalog, optionally only products in one currency.");
        group.MapGet("/products/{id:guid}", GetProductAsync).WithName("GetProduct").WithSummary("One product.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<List<ProductDto>>> ListProductsAsync(CatalogQueries catalog, string? currency, CancellationToken cancellationToken)
    {
        if (currency is not null && !Currencies.IsSupported(currency))
        {
            throw DomainException.Invalid(ProblemCodes.ShowCurrencyInvalid, "Unknown currency “{0}”. Use one of {1}.", currency, string.Join(", ", Currencies.Supported));
        }

        return TypedResults.Ok(await catalog.ProductsAsync(currency, cancellationToken));
    }

    private static async Task<Ok<ProductDto>> GetProductAsync(Guid id, LiveShopDbContext db, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.ProductNotFound, "There is no product with that id.");
        return TypedResults.Ok(product.ToDto());
    }
}
