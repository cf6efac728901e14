using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shows;

/// <summary>A host schedules a show with a lineup of catalog products. Validates everything before writing anything.</summary>
public sealed class CreateShow(LiveShopDbContext db, UserManager<AppUser> users, Video.VideoSources videoSources, ShopAccess access, TimeProvider clock)
{
    /// <summary>The host's commission when the request names none: 10 % of GMV.</summary>
    public const decimal DefaultCommissionRate = 0.10m;

    /// <summary>How far in the past a start time may lie (a host scheduling "now" on a slow form).</summary>
    private static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(10);

    public async Task<ShowDetailDto> ExecuteAsync(ClaimsPrincipal caller, CreateShowRequest request, CancellationToken cancellationToken = default)
    {
        var hostId = caller.RequireRole(Roles.Host, "create shows");
        var shopId = request.ShopId ?? await OnlyShopAsync(hostId, cancellationToken);
        var membership = await access.RequireAsync(caller, shopId, ShopPermissions.CanHost, "schedule shows", cancellationToken);
        var now = clock.GetUtcNow();

        var title = request.Title?.Trim() ?? "";
        if (title.Length == 0 || title.Length > Limits.ShowTitleMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.ShowTitleInvalid, $"A show title needs 1 to {Limits.ShowTitleMaxLength} characters (this one has {title.Length}).");
        }

        var description = request.Description?.Trim() ?? "";
        if (description.Length > Limits.ShowDescriptionMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.ShowDescriptionTooLong, $"A description can be at most {Limits.ShowDescriptionMaxLength} characters.");
        }

        if (request.ScheduledStart < now - PastTolerance || request.ScheduledStart > now + Limits.MaxScheduleAhead)
        {
            throw DomainException.Invalid(ProblemCodes.ShowScheduleInvalid, "The start time must be from now up to a year ahead.");
        }

        if (!Currencies.IsSupported(request.Currency))
        {
            throw DomainException.Invalid(ProblemCodes.ShowCurrencyInvalid, $"Choose the show's currency from {string.Join(", ", Currencies.Supported)}.");
        }

        var videoUrl = videoSources.Validate(request.VideoKind, request.VideoUrl);
        var productIds = request.ProductIds ?? [];
        if (productIds.Count == 0)
        {
            throw DomainException.Invalid(ProblemCodes.LineupEmpty, "Add at least one product to the lineup.");
        }

        if (productIds.Count > Limits.LineupMaxProducts)
        {
            throw DomainException.Invalid(ProblemCodes.LineupTooLarge, $"A lineup holds at most {Limits.LineupMaxProducts} products.");
        }

        var duplicate = productIds.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw DomainException.Invalid(ProblemCodes.LineupDuplicateProduct, $"Product {duplicate.Key} appears {duplicate.Count()} times in the lineup; add each product once.");
        }

        // Only the shop's own products: another shop's product is "unknown" here, as if it did not exist.
        var products = await db.Products.AsNoTracking()
            .Where(p => p.ShopId == shopId && productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Currency, p.ArchivedAt })
            .ToListAsync(cancellationToken);
        var unknown = productIds.Except(products.Select(p => p.Id)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid(ProblemCodes.LineupUnknownProduct, $"{membership.Shop.Name}'s catalog has no product with id {string.Join(", ", unknown)}.");
        }

        var archived = products.FirstOrDefault(p => p.ArchivedAt is not null);
        if (archived is not null)
        {
            throw DomainException.Invalid(ProblemCodes.ProductArchived, $"“{archived.Name}” is archived; restore it in the catalog to sell it in a show.");
        }

        var otherCurrency = products.FirstOrDefault(p => p.Currency != request.Currency);
        if (otherCurrency is not null)
        {
            throw DomainException.Invalid(ProblemCodes.LineupCurrencyMismatch, $"“{otherCurrency.Name}” is priced in {otherCurrency.Currency}, but this show sells in {request.Currency}.");
        }

        var show = new Show(Guid.CreateVersion7(), shopId, hostId, title, description, request.ScheduledStart, request.Currency, request.VideoKind, videoUrl, now);
        show.SetLineup(productIds);
        show.SetCommission(request.CommissionRate ?? DefaultCommissionRate, await CoHostAsync(request.CoHostEmail, hostId, membership.Shop, cancellationToken), request.CoHostShare ?? 0);
        db.Shows.Add(show);
        await db.SaveChangesAsync(cancellationToken);

        return await new ShowQueries(db).GetAsync(show.Id, cancellationToken);
    }

    /// <summary>The shop the caller hosts for, when it is the only one; refuses none or several.</summary>
    private async Task<Guid> OnlyShopAsync(Guid userId, CancellationToken cancellationToken)
    {
        var shops = (await access.MineAsync(userId, cancellationToken)).Where(s => ShopPermissions.CanHost(s.Role)).ToList();
        return shops.Count switch
        {
            1 => shops[0].Id,
            0 => throw DomainException.Forbidden(ProblemCodes.NotShopMember, "Open a shop, or join one as a host, to schedule shows."),
            _ => throw DomainException.Invalid(ProblemCodes.ShopNotFound, "You host for several shops: say which one this show is for."),
        };
    }

    /// <summary>The co-host named by email: someone else who hosts for the same shop.</summary>
    private async Task<Guid?> CoHostAsync(string? email, Guid hostId, Shop shop, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || !await access.HasRoleAsync(user.Id, shop.Id, ShopPermissions.CanHost, cancellationToken))
        {
            throw DomainException.Invalid(ProblemCodes.CoHostInvalid, $"No host of {shop.Name} has the email {email.Trim()}: invite them to the shop's team as a host first.");
        }

        if (user.Id == hostId)
        {
            throw DomainException.Invalid(ProblemCodes.CoHostInvalid, "You are already the host; name someone else as co-host.");
        }

        return user.Id;
    }
}
