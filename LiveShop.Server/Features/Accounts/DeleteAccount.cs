using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Accounts.Sessions;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Accounts;

/// <summary>
/// "Delete my account": after the password, the person's name, e-mail, password, address and roles are erased and
/// every session ends. Their orders stay in the shop's books with the buyer's name and address blanked
/// (<see cref="Orders.Order.ForgetBuyer"/>). The row itself stays as an anonymous tombstone, because orders, shows
/// and share links point at it (see docs/decisions.md).
/// </summary>
public sealed class DeleteAccount(
    LiveShopDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AccountSecurity security,
    DbTicketStore sessions,
    ILogger<DeleteAccount> logger)
{
    /// <summary>What a deleted account is called where its old rows are still shown (host names on ended shows).</summary>
    public const string DeletedName = "Deleted account";

    private const string DeletedDomain = "@deleted.liveshop.invalid";

    public static bool IsDeleted(AppUser user) => user.Email?.EndsWith(DeletedDomain, StringComparison.OrdinalIgnoreCase) == true;

    public async Task DeleteAsync(ClaimsPrincipal caller, DeleteAccountRequest? request, CancellationToken cancellationToken)
    {
        var user = await security.RequireAccountAsync(caller);
        var check = await signIn.CheckPasswordSignInAsync(user, request?.Password ?? "", lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            throw check.IsLockedOut
                ? DomainException.Invalid(ProblemCodes.PasswordIncorrect, "Too many wrong passwords: try again in a few minutes.")
                : DomainException.Invalid(ProblemCodes.PasswordIncorrect, "Your password is not right.");
        }

        var hostsOpenShow = await db.Shows.AnyAsync(
            s => (s.HostId == user.Id || s.CoHostId == user.Id) && s.Status != ShowStatus.Ended, cancellationToken);
        if (hostsOpenShow)
        {
            throw DomainException.Conflict(ProblemCodes.AccountHasShows, "You host a show that has not ended. End it (or have it ended) before you delete your account.");
        }

        // A shop keeps an owner: its last owner hands the shop over (or asks the administrators) first.
        var soleOwnerOf = await db.ShopMembers
            .Where(m => m.UserId == user.Id && m.Role == ShopRole.Owner
                && !db.ShopMembers.Any(o => o.ShopId == m.ShopId && o.UserId != user.Id && o.Role == ShopRole.Owner))
            .Join(db.Shops, m => m.ShopId, s => s.Id, (m, s) => s.Name)
            .FirstOrDefaultAsync(cancellationToken);
        if (soleOwnerOf is not null)
        {
            throw DomainException.Conflict(ProblemCodes.LastOwner, "You are the only owner of {0}. Make someone else its owner before you delete your account.", soleOwnerOf);
        }

        // Guarded: an order not yet shipped still needs its address, and ForgetBuyer refuses it (nothing is saved then).
        var orders = await db.Orders.Where(o => o.BuyerId == user.Id).ToListAsync(cancellationToken);
        foreach (var order in orders)
        {
            order.ForgetBuyer();
        }

        db.ShowModerators.RemoveRange(await db.ShowModerators.Where(m => m.UserId == user.Id).ToListAsync(cancellationToken));
        db.ShopMembers.RemoveRange(await db.ShopMembers.Where(m => m.UserId == user.Id).ToListAsync(cancellationToken));
        // Off every store's staff (the links they made keep crediting the store, as when a manager takes them off).
        db.StoreStaff.RemoveRange(await db.StoreStaff.Where(m => m.UserId == user.Id).ToListAsync(cancellationToken));
        // A creator's profile (name, handle, socials) and their places in brands' programs go with the account.
        db.CreatorEnrollments.RemoveRange(await db.CreatorEnrollments.Where(e => e.CreatorId == user.Id).ToListAsync(cancellationToken));
        db.CreatorProfiles.RemoveRange(await db.CreatorProfiles.Where(p => p.UserId == user.Id).ToListAsync(cancellationToken));
        db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == user.Id).ToListAsync(cancellationToken));
        db.UserClaims.RemoveRange(await db.UserClaims.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken));
        db.UserLogins.RemoveRange(await db.UserLogins.Where(l => l.UserId == user.Id).ToListAsync(cancellationToken));
        db.UserTokens.RemoveRange(await db.UserTokens.Where(t => t.UserId == user.Id).ToListAsync(cancellationToken));
        Erase(user);

        // One SaveChanges: all of it, or (on any failure) none of it.
        await db.SaveChangesAsync(cancellationToken);
        await signIn.SignOutAsync();
        await sessions.EndSessionsAsync(user.Id, keep: null, cancellationToken);
        logger.LogInformation("Account {UserId} deleted by its owner ({Orders} orders kept without name or address)", user.Id, orders.Count);
    }

    private void Erase(AppUser user)
    {
        var tombstone = $"deleted-{user.Id:N}";
        user.UserName = tombstone;
        user.NormalizedUserName = users.NormalizeName(tombstone);
        user.Email = tombstone + DeletedDomain;
        user.NormalizedEmail = users.NormalizeEmail(user.Email);
        user.EmailConfirmed = false;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.TwoFactorEnabled = false;
        user.DisplayName = DeletedName;
        user.SavedAddress = null;
        user.ShowMyPurchases = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;

        // A new stamp ends every other session of this account at its next check.
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
