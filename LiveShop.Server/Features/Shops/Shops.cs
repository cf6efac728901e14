using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shops;

/// <summary>Opens shops and changes their settings.</summary>
public sealed class Shops(LiveShopDbContext db, ShopAccess access, UserManager<AppUser> users, SignInManager<AppUser> signIn, TimeProvider clock)
{
    /// <summary>
    /// Opens a shop; the caller becomes its owner. Anyone signed in with an account (not a guest) may
    /// open one, as on any marketplace; the platform's administrators can suspend it.
    /// </summary>
    public async Task<ShopDto> OpenAsync(ClaimsPrincipal caller, ShopSettingsRequest request, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        if (caller.IsGuest())
        {
            throw DomainException.Forbidden(ProblemCodes.Forbidden, "Create an account (not a guest session) to open a shop.");
        }

        var settings = ShopSettings.Parse(request);
        await RequireFreeSlugAsync(settings.Slug, null, cancellationToken);
        var shop = new Shop(Guid.CreateVersion7(), settings, clock.GetUtcNow());
        db.Shops.Add(shop);
        db.ShopMembers.Add(new ShopMember(shop.Id, userId, ShopRole.Owner, clock.GetUtcNow()));
        await SaveSlugAsync(settings.Slug, cancellationToken);

        // Whoever owns a shop sells on LiveShop: the account's role says so (the register page's "I sell").
        if (await users.FindByIdAsync(userId.ToString()) is { } user && !await users.IsInRoleAsync(user, Roles.Host))
        {
            await users.AddToRoleAsync(user, Roles.Host);

            // A fresh cookie carries the role, so the host pages open without signing in again.
            await signIn.RefreshSignInAsync(user);
        }

        return shop.ToDto();
    }

    public async Task<ShopDto> GetAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken) =>
        (await RequireMemberAsync(caller, shopId, cancellationToken)).Shop.ToDto();

    /// <summary>The owner changes the shop's settings.</summary>
    public async Task<ShopDto> UpdateAsync(ClaimsPrincipal caller, Guid shopId, ShopSettingsRequest request, CancellationToken cancellationToken)
    {
        var membership = await access.RequireAsync(caller, shopId, ShopPermissions.CanManageTeam, "change the shop's settings", cancellationToken);
        var settings = ShopSettings.Parse(request);
        await RequireFreeSlugAsync(settings.Slug, shopId, cancellationToken);
        var shop = await db.Shops.SingleAsync(s => s.Id == membership.Shop.Id, cancellationToken);
        shop.Apply(settings);
        await SaveSlugAsync(settings.Slug, cancellationToken);
        return shop.ToDto();
    }

    /// <summary>Any member may read the shop (a suspended shop too: its team sees why nothing works).</summary>
    public async Task<ShopMembership> RequireMemberAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shopId, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.ShopNotFound, "There is no shop with that id.");
        var role = await access.RoleOfAsync(userId, shopId, cancellationToken)
            ?? throw DomainException.Forbidden(ProblemCodes.NotShopMember, "You are not in {0}'s team.", shop.Name);
        return new ShopMembership(userId, shop, role);
    }

    /// <summary>Saves; a request that lost a race for the address gets the same 409 as the check before it.</summary>
    private async Task SaveSlugAsync(string slug, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw SlugTaken(slug);
        }
    }

    private static DomainException SlugTaken(string slug) =>
        DomainException.Conflict(ProblemCodes.ShopSlugTaken, "Another shop already has the address “{0}”; choose another.", slug);

    private async Task RequireFreeSlugAsync(string slug, Guid? shopId, CancellationToken cancellationToken)
    {
        if (await db.Shops.AnyAsync(s => s.Slug == slug && s.Id != shopId, cancellationToken))
        {
            throw SlugTaken(slug);
        }
    }
}
