using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Creators;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// A brand's program for creators: whether it takes creators, how (anyone, or approved one by one), the commission
/// and the attribution window, and which products it opens (all active ones, or those listed, each at the default
/// rate or its own). One per shop, made the first time the brand saves it. Rates change future orders only: an
/// order keeps the rate it was placed at.
/// </summary>
public sealed class CreatorProgram
{
    /// <summary>Products a brand may open one by one.</summary>
    public const int MaxProducts = 500;

    public const int MinWindowDays = 1;

    public const int MaxWindowDays = 90;

    private readonly List<ProgramProduct> _products = [];

    private CreatorProgram()
    {
    }

    public CreatorProgram(Guid shopId) => ShopId = shopId;

    public Guid ShopId { get; private set; }

    public bool IsOpen { get; private set; }

    public CreatorApproval Approval { get; private set; } = CreatorApproval.Approve;

    public decimal DefaultRate { get; private set; } = 0.1m;

    public int WindowDays { get; private set; } = 7;

    public bool AllProducts { get; private set; } = true;

    public IReadOnlyList<ProgramProduct> Products => _products;

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Sets the terms; the product list (already checked to be the shop's) replaces the old one.</summary>
    public void Configure(bool isOpen, CreatorApproval approval, decimal defaultRate, int windowDays, bool allProducts, IReadOnlyList<ProgramProduct> products, DateTimeOffset now)
    {
        RequireRate(defaultRate);
        if (windowDays is < MinWindowDays or > MaxWindowDays)
        {
            throw DomainException.Invalid(ProblemCodes.CreatorProgramInvalid, "The attribution window is from {0} to {1} days.", MinWindowDays, MaxWindowDays);
        }

        if (!Enum.IsDefined(approval))
        {
            throw DomainException.Invalid(ProblemCodes.CreatorProgramInvalid, "Choose whether anyone may join or you approve each creator.");
        }

        if (products.Count > MaxProducts)
        {
            throw DomainException.Invalid(ProblemCodes.CreatorProgramInvalid, "A program opens at most {0} products one by one; open all products instead.", MaxProducts);
        }

        foreach (var product in products)
        {
            if (product.Rate is { } rate)
            {
                RequireRate(rate);
            }
        }

        IsOpen = isOpen;
        Approval = approval;
        DefaultRate = defaultRate;
        WindowDays = windowDays;
        AllProducts = allProducts;
        _products.Clear();
        _products.AddRange(products);
        UpdatedAt = now;
    }

    /// <summary>The creator's rate on a product opened by this program, or null when it is not open to creators.</summary>
    public decimal? RateFor(Guid productId, decimal? creatorOverride)
    {
        var listed = _products.FirstOrDefault(p => p.ProductId == productId);
        if (!AllProducts && listed is null)
        {
            return null;
        }

        return creatorOverride ?? listed?.Rate ?? DefaultRate;
    }

    /// <summary>A commission rate: 0 % to 50 %, in steps of 0.01 % (the same rule as a show's host commission).</summary>
    public static void RequireRate(decimal rate)
    {
        if (rate < 0 || rate > Limits.MaxCommissionRate || decimal.Round(rate, 4) != rate)
        {
            throw DomainException.Invalid(ProblemCodes.CommissionInvalid, "The commission rate is from 0 % to 50 %, in steps of 0.01 %.");
        }
    }
}

/// <summary>A product a program opens one by one, at its own rate or (null) the program's default.</summary>
public sealed record ProgramProduct(Guid ProductId, decimal? Rate);
