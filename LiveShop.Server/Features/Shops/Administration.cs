using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shops;

/// <summary>
/// The platform administrator's work: lists of shops and users, suspending either, and the global
/// Moderator role. A suspended user cannot sign in, and their sessions and live connections end.
/// </summary>
public sealed class Administration(LiveShopDbContext db, UserManager<AppUser> users, IUserConnections connections, TimeProvider clock)
{
    private const int PageSize = 50;

    /// <summary>Pages past this are empty anyway; the bound keeps <c>page * size</c> from overflowing.</summary>
    private const int MaxPage = 100_000;

    public async Task<PageDto<AdminShopDto>> ShopsAsync(ClaimsPrincipal caller, string? search, int page, CancellationToken cancellationToken)
    {
        RequireAdministrator(caller);
        var query = db.Shops.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(s => s.Name.Contains(term) || s.Slug.Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await Rows(query.OrderBy(s => s.Name).Skip(Math.Clamp(page, 0, MaxPage) * PageSize).Take(PageSize))
            .ToListAsync(cancellationToken);
        return new PageDto<AdminShopDto>(items, total);
    }

    public async Task<PageDto<AdminUserDto>> UsersAsync(ClaimsPrincipal caller, string? search, int page, CancellationToken cancellationToken)
    {
        RequireAdministrator(caller);
        var query = db.Users.AsNoTracking().Where(u => !u.IsGuest);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(u => u.DisplayName).Skip(Math.Clamp(page, 0, MaxPage) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.CreatedAt,
                u.SuspendedAt,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                Shops = db.ShopMembers.Count(m => m.UserId == u.Id),
            })
            .ToListAsync(cancellationToken);
        return new PageDto<AdminUserDto>([.. rows.Select(u => new AdminUserDto(u.Id, u.DisplayName, u.Email ?? "", u.Roles, u.Shops, u.CreatedAt, u.SuspendedAt is not null))], total);
    }

    public async Task<AdminShopDto> SuspendShopAsync(ClaimsPrincipal caller, Guid shopId, bool suspended, CancellationToken cancellationToken)
    {
        RequireAdministrator(caller);
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.ShopNotFound, "There is no shop with that id.");
        if (suspended)
        {
            shop.Suspend(clock.GetUtcNow());
        }
        else
        {
            shop.Reinstate();
        }

        await db.SaveChangesAsync(cancellationToken);
        return await Rows(db.Shops.AsNoTracking().Where(s => s.Id == shopId)).SingleAsync(cancellationToken);
    }

    public async Task SuspendUserAsync(ClaimsPrincipal caller, Guid userId, bool suspended, CancellationToken cancellationToken)
    {
        var adminId = RequireAdministrator(caller);
        if (adminId == userId)
        {
            throw DomainException.Conflict(ProblemCodes.Forbidden, "You cannot suspend your own account.");
        }

        var user = await FindUserAsync(userId);
        user.SuspendedAt = suspended ? user.SuspendedAt ?? clock.GetUtcNow() : null;

        // Identity's lockout refuses the password; a new security stamp ends the cookies it issued.
        user.LockoutEnabled = true;
        user.LockoutEnd = suspended ? DateTimeOffset.MaxValue : null;
        Require(await users.UpdateAsync(user));
        if (suspended)
        {
            Require(await users.UpdateSecurityStampAsync(user));
            connections.Close(userId);
        }
    }

    public async Task SetModeratorAsync(ClaimsPrincipal caller, Guid userId, bool isModerator, CancellationToken cancellationToken)
    {
        RequireAdministrator(caller);
        var user = await FindUserAsync(userId);
        if (user.IsGuest)
        {
            throw DomainException.Invalid(ProblemCodes.ModeratorInvalid, "Guests cannot be moderators.");
        }

        // The browser's cookie picks the change up within a minute (the security stamp check re-reads roles).
        var has = await users.IsInRoleAsync(user, Roles.Moderator);
        if (isModerator && !has)
        {
            Require(await users.AddToRoleAsync(user, Roles.Moderator));
        }
        else if (!isModerator && has)
        {
            Require(await users.RemoveFromRoleAsync(user, Roles.Moderator));
            connections.Close(userId);
        }
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw DomainException.Conflict(ProblemCodes.ShowChangedMeanwhile, "The account changed meanwhile; reload and try again.");
        }
    }

    /// <summary>Shops as the administrator's list shows them, with their counts.</summary>
    private IQueryable<AdminShopDto> Rows(IQueryable<Shop> shops) =>
        shops.Select(s => new AdminShopDto(
            s.Id, s.Name, s.Slug, s.Country,
            db.ShopMembers.Count(m => m.ShopId == s.Id),
            db.Products.Count(p => p.ShopId == s.Id),
            db.Shows.Count(w => w.ShopId == s.Id),
            s.CreatedAt,
            s.SuspendedAt != null));

    private async Task<AppUser> FindUserAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw DomainException.NotFound(ProblemCodes.UserNotFound, "There is no user with that id.");

    private static Guid RequireAdministrator(ClaimsPrincipal caller) => caller.RequireRole(Roles.Administrator, "run the platform");
}
