using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shops;

/// <summary>The caller's place in a shop: who, which shop, and their role there.</summary>
public sealed record ShopMembership(Guid UserId, Shop Shop, ShopRole Role);

/// <summary>
/// The one place that answers "what is the caller's role in the shop that owns this?". Asked on every
/// call (an indexed key lookup), so a member removed or demoted loses access with their next request.
/// </summary>
public sealed class ShopAccess(LiveShopDbContext db)
{
    /// <summary>
    /// The caller's membership of the shop, if their role there passes <paramref name="allowed"/>.
    /// Refuses: anonymous or guest 401/403, unknown shop 404, not a member 403, role too low 403,
    /// suspended shop 403.
    /// </summary>
    public async Task<ShopMembership> RequireAsync(ClaimsPrincipal caller, Guid shopId, Func<ShopRole, bool> allowed, Phrase whatFor, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        if (await db.Users.AnyAsync(u => u.Id == userId && u.SuspendedAt != null, cancellationToken))
        {
            throw DomainException.Forbidden(ProblemCodes.AccountSuspended, "This account is suspended by the platform's administrators.");
        }

        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.ShopNotFound, "There is no shop with that id.");
        var role = await RoleOfAsync(userId, shopId, cancellationToken)
            ?? throw DomainException.Forbidden(ProblemCodes.NotShopMember, "You are not in {0}'s team.", shop.Name);
        if (!allowed(role))
        {
            throw DomainException.Forbidden(ProblemCodes.ShopRoleTooLow, "As {0} of {1} you cannot {2}.", RoleName(role), shop.Name, whatFor);
        }

        RequireActive(shop);
        return new ShopMembership(userId, shop, role);
    }

    /// <summary>The user's role in the shop, or null when they are not in its team.</summary>
    public Task<ShopRole?> RoleOfAsync(Guid userId, Guid shopId, CancellationToken cancellationToken) =>
        RoleOfAsync(db, userId, shopId, cancellationToken);

    /// <summary>The same for use cases that hold only the database (the room's and the orders' checks).</summary>
    internal static async Task<ShopRole?> RoleOfAsync(LiveShopDbContext db, Guid userId, Guid shopId, CancellationToken cancellationToken) =>
        await db.ShopMembers.AsNoTracking()
            .Where(m => m.ShopId == shopId && m.UserId == userId)
            .Select(m => (ShopRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Whether the user is in the shop's team with a role that passes <paramref name="allowed"/>.</summary>
    public async Task<bool> HasRoleAsync(Guid userId, Guid shopId, Func<ShopRole, bool> allowed, CancellationToken cancellationToken) =>
        await RoleOfAsync(userId, shopId, cancellationToken) is { } role && allowed(role);

    /// <summary>Refuses changes in a suspended shop.</summary>
    public static void RequireActive(Shop shop)
    {
        if (shop.IsSuspended)
        {
            throw DomainException.Forbidden(ProblemCodes.ShopSuspended, "{0} is suspended by the platform's administrators; contact them to reopen it.", shop.Name);
        }
    }

    /// <summary>The caller's shops and their role in each, by name.</summary>
    public async Task<List<MyShopDto>> MineAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.ShopMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Shops, m => m.ShopId, s => s.Id, (m, s) => new { s.Id, s.Name, s.Slug, s.LogoUrl, m.Role, s.SuspendedAt })
            .OrderBy(x => x.Name)
            .Select(x => new MyShopDto(x.Id, x.Name, x.Slug, x.LogoUrl, x.Role, x.SuspendedAt != null))
            .ToListAsync(cancellationToken);

    /// <summary>"an owner", "a host" …: a phrase ServerText translates.</summary>
    private static Phrase RoleName(ShopRole role) => role switch
    {
        ShopRole.Owner => "an owner",
        ShopRole.Manager => "a manager",
        ShopRole.Host => "a host",
        ShopRole.Moderator => "a moderator",
    };
}
