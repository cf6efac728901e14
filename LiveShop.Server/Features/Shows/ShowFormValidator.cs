using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shows;

/// <summary>
/// The rules a show's form obeys, shared by <see cref="CreateShow"/> and <see cref="EditShow"/> so both
/// refuse the same input with the same code and sentence. Each check throws a <see cref="DomainException"/>
/// and writes nothing.
/// </summary>
public sealed class ShowFormValidator(LiveShopDbContext db, UserManager<AppUser> users, ShopAccess access)
{
    /// <summary>How far in the past a start time may lie (a host scheduling "now" on a slow form).</summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(10);

    /// <summary>The trimmed title: 1 to <see cref="Limits.ShowTitleMaxLength"/> characters.</summary>
    public static string Title(string? title)
    {
        var trimmed = title?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > Limits.ShowTitleMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.ShowTitleInvalid, "A show title needs 1 to {0} characters (this one has {1}).", Limits.ShowTitleMaxLength, trimmed.Length);
        }

        return trimmed;
    }

    /// <summary>The trimmed description (may be empty), at most <see cref="Limits.ShowDescriptionMaxLength"/> characters.</summary>
    public static string Description(string? description)
    {
        var trimmed = description?.Trim() ?? "";
        if (trimmed.Length > Limits.ShowDescriptionMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.ShowDescriptionTooLong, "A description can be at most {0} characters.", Limits.ShowDescriptionMaxLength);
        }

        return trimmed;
    }

    /// <summary>A start from now (less <see cref="PastTolerance"/>) up to <see cref="Limits.MaxScheduleAhead"/> ahead.</summary>
    public static void Schedule(DateTimeOffset scheduledStart, DateTimeOffset now)
    {
        if (scheduledStart < now - PastTolerance || scheduledStart > now + Limits.MaxScheduleAhead)
        {
            throw DomainException.Invalid(ProblemCodes.ShowScheduleInvalid, "The start time must be from now up to a year ahead.");
        }
    }

    /// <summary>
    /// The lineup: 1 to <see cref="Limits.LineupMaxProducts"/> distinct products, none archived, all in the show's
    /// currency, each the shop's own or a brand's that opened it to the host as a creator (B2K2C: see
    /// <see cref="Creators.CreatorCatalog"/>); any other shop's product is "unknown", as if it did not exist.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> LineupAsync(IReadOnlyList<Guid>? productIds, Shop shop, Guid hostId, string currency, CancellationToken cancellationToken)
    {
        productIds ??= [];
        if (productIds.Count == 0)
        {
            throw DomainException.Invalid(ProblemCodes.LineupEmpty, "Add at least one product to the lineup.");
        }

        if (productIds.Count > Limits.LineupMaxProducts)
        {
            throw DomainException.Invalid(ProblemCodes.LineupTooLarge, "A lineup holds at most {0} products.", Limits.LineupMaxProducts);
        }

        var duplicate = productIds.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw DomainException.Invalid(ProblemCodes.LineupDuplicateProduct, "Product {0} appears {1} times in the lineup; add each product once.", duplicate.Key, duplicate.Count());
        }

        // Brands' products go only into the shows of a shop the host owns (their channel), never into another team's.
        var ownsShop = await ShopAccess.RoleOfAsync(db, hostId, shop.Id, cancellationToken) == ShopRole.Owner;
        var brands = ownsShop ? await Creators.CreatorCatalog.OpenedAsync(db, hostId, productIds, cancellationToken) : new Dictionary<Guid, Guid>();
        var opened = brands.Keys.ToList();
        var products = await db.Products.AsNoTracking()
            .Where(p => (p.ShopId == shop.Id || opened.Contains(p.Id)) && productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Currency, p.ArchivedAt, SellsInShow = p.Currency == currency || p.Prices.Any(x => x.Currency == currency) })
            .ToListAsync(cancellationToken);
        var unknown = productIds.Except(products.Select(p => p.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid(ProblemCodes.LineupUnknownProduct, "{0}'s catalog has no product with id {1}.", shop.Name, string.Join(", ", unknown));
        }

        var archived = products.FirstOrDefault(p => p.ArchivedAt is not null);
        if (archived is not null)
        {
            throw DomainException.Invalid(ProblemCodes.ProductArchived, "“{0}” is archived; restore it in the catalog to sell it in a show.", archived.Name);
        }

        // A product sells in its main currency and in each currency it has an extra price in.
        var otherCurrency = products.FirstOrDefault(p => !p.SellsInShow);
        if (otherCurrency is not null)
        {
            throw DomainException.Invalid(ProblemCodes.LineupCurrencyMismatch, "“{0}” is priced in {1} and has no price in {2}, the currency this show sells in: add a price in {2} to it in the catalog.", otherCurrency.Name, otherCurrency.Currency, currency);
        }

        return productIds;
    }

    /// <summary>
    /// The co-host named by email (none when blank): someone other than the host who hosts for the same
    /// shop. <paramref name="callerId"/> words the refusal ("you are already the host" to the host only).
    /// </summary>
    public async Task<Guid?> CoHostAsync(string? email, Guid hostId, Guid callerId, Shop shop, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || !await access.HasRoleAsync(user.Id, shop.Id, ShopPermissions.CanHost, cancellationToken))
        {
            throw DomainException.Invalid(ProblemCodes.CoHostInvalid, "No host of {0} has the email {1}: invite them to the shop's team as a host first.", shop.Name, email.Trim());
        }

        if (user.Id == hostId)
        {
            throw callerId == hostId
                ? DomainException.Invalid(ProblemCodes.CoHostInvalid, "You are already the host; name someone else as co-host.")
                : DomainException.Invalid(ProblemCodes.CoHostInvalid, "That is the show's host; name someone else as co-host.");
        }

        return user.Id;
    }
}
