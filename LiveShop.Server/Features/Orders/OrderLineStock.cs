using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Orders;

/// <summary>
/// What an order line buys and the stock it takes or gives back. A product with variants is bought as one
/// of them: its stock is the variant's, and the product's <see cref="Product.Stock"/> (their sum) moves
/// with it in the same transaction, so every product-level reader stays right.
/// </summary>
internal static class OrderLineStock
{
    /// <summary>
    /// The variant a line names: required for a product with variants (400 <see cref="ProblemCodes.VariantRequired"/>),
    /// refused for one without (400 <see cref="ProblemCodes.VariantsInvalid"/>), and it must be the product's
    /// (404 <see cref="ProblemCodes.VariantNotFound"/>). Null for a product without variants.
    /// </summary>
    public static async Task<ProductVariant?> VariantOfAsync(LiveShopDbContext db, Product product, Guid? variantId, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<string, object?> { ["productId"] = product.Id, ["variantId"] = variantId };
        if (!product.HasVariants)
        {
            return variantId is null ? null
                : throw new DomainException(RefusalKind.Invalid, ProblemCodes.VariantsInvalid, "“{0}” comes in one kind: order it without choosing a variant.", facts, product.Name);
        }

        if (variantId is not { } id)
        {
            var options = product.OptionNames.Select(n => n.ToLowerInvariant()).ToList();
            throw options.Count switch
            {
                1 => new DomainException(RefusalKind.Invalid, ProblemCodes.VariantRequired, "Choose the {0} of “{1}” you want.", facts, options[0], product.Name),
                2 => new DomainException(RefusalKind.Invalid, ProblemCodes.VariantRequired, "Choose the {0} and {1} of “{2}” you want.", facts, options[0], options[1], product.Name),
                _ => new DomainException(RefusalKind.Invalid, ProblemCodes.VariantRequired, "Choose the {0} and {1} and {2} of “{3}” you want.", facts, options[0], options[1], options[2], product.Name),
            };
        }

        return await db.Set<ProductVariant>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == id && v.ProductId == product.Id, cancellationToken)
            ?? throw new DomainException(RefusalKind.NotFound, ProblemCodes.VariantNotFound, "“{0}” has no such variant any more: reload the show to see its choices.", facts, product.Name);
    }

    /// <summary>How a line's product is named to the buyer: “Hand-dyed Silk Scarf (Jade)”, or just the product's name.</summary>
    public static string NameOf(Product product, ProductVariant? variant) => variant is null ? product.Name : $"{product.Name} ({variant.Label})";

    /// <summary>
    /// Takes <paramref name="quantity"/> by conditional updates (never below 0): the product's total, then the
    /// variant's stock — the order the back office's stock changes lock them in too, so two writers never wait
    /// for each other's second row. Refused (409 <see cref="ProblemCodes.OutOfStock"/>, naming the variant) when
    /// too few are left; the caller's transaction then undoes whatever was taken.
    /// </summary>
    public static async Task TakeAsync(LiveShopDbContext db, Product product, ProductVariant? variant, int quantity, Guid? flashSaleId, CancellationToken cancellationToken)
    {
        if (!await TryTakeAsync(db, product.Id, variant?.Id, quantity, cancellationToken))
        {
            var left = variant is null
                ? await db.Products.Where(p => p.Id == product.Id).Select(p => p.Stock).SingleAsync(cancellationToken)
                : await StockOfAsync(db, variant.Id, cancellationToken);
            throw OutOfStock(product, variant, left, flashSaleId);
        }
    }

    /// <summary>
    /// The conditional updates of <see cref="TakeAsync"/> without a refusal: false when too few are left, with nothing
    /// taken (a variant short of stock gives the total's units back at once, for a caller whose transaction goes on —
    /// a batch of "+1" claims).
    /// </summary>
    public static async Task<bool> TryTakeAsync(LiveShopDbContext db, Guid productId, Guid? variantId, int quantity, CancellationToken cancellationToken)
    {
        if (await db.Products
                .Where(p => p.Id == productId && p.Stock >= quantity)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, x => x.Stock - quantity), cancellationToken) == 0)
        {
            return false;
        }

        if (variantId is { } id && await db.Set<ProductVariant>()
                .Where(v => v.Id == id && v.Stock >= quantity)
                .ExecuteUpdateAsync(v => v.SetProperty(x => x.Stock, x => x.Stock - quantity), cancellationToken) == 0)
        {
            await db.Products.Where(p => p.Id == productId)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, x => x.Stock + quantity), cancellationToken);
            return false;
        }

        return true;
    }

    private static Task<int> StockOfAsync(LiveShopDbContext db, Guid variantId, CancellationToken cancellationToken) =>
        db.Set<ProductVariant>().Where(v => v.Id == variantId).Select(v => v.Stock).SingleAsync(cancellationToken);

    /// <summary>
    /// Gives a declined line's units back: to its variant and the product's total together. A variant removed
    /// meanwhile (it had no stock left) takes nothing, and neither does the total, which stays their sum.
    /// </summary>
    public static async Task GiveBackAsync(LiveShopDbContext db, Guid productId, Guid? variantId, int quantity, CancellationToken cancellationToken)
    {
        // The product's row first, as everywhere: a variant can only be removed under that row's lock, so it is still there below.
        if (variantId is { } id && !await db.Set<ProductVariant>().AnyAsync(v => v.Id == id && v.ProductId == productId, cancellationToken))
        {
            return;
        }

        await db.Products.Where(p => p.Id == productId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, x => x.Stock + quantity), cancellationToken);
        if (variantId is { } variant)
        {
            await db.Set<ProductVariant>().Where(v => v.Id == variant && v.ProductId == productId)
                .ExecuteUpdateAsync(v => v.SetProperty(x => x.Stock, x => x.Stock + quantity), cancellationToken);
        }
    }

    private static DomainException OutOfStock(Product product, ProductVariant? variant, int left, Guid? flashSaleId)
    {
        var name = NameOf(product, variant);
        var facts = new Dictionary<string, object?> { ["productId"] = product.Id, ["variantId"] = variant?.Id, ["stock"] = left, ["flashSaleId"] = flashSaleId };
        return left == 0
            ? DomainException.Conflict(ProblemCodes.OutOfStock, "“{0}” is sold out.", facts, name)
            : DomainException.Conflict(ProblemCodes.OutOfStock, "Only {0} of “{1}” left: lower the quantity.", facts, left, name);
    }
}
