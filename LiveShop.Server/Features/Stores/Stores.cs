using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Stores;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Stores;

/// <summary>
/// A shop's stores and their staff (owners and managers): create and rename stores, add a LiveShop account to a
/// store's staff by its e-mail address, take someone off. Stores are never deleted, so their links keep their credit.
/// </summary>
public sealed class Stores(LiveShopDbContext db, ShopAccess access, TimeProvider clock)
{
    private static readonly Phrase ManageStores = new("manage the stores");

    public async Task<List<StoreDto>> ListAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageStores, ManageStores, cancellationToken);
        var stores = await db.Stores.AsNoTracking().Include(s => s.Staff).Where(s => s.ShopId == shopId).ToListAsync(cancellationToken);
        var people = stores.SelectMany(s => s.Staff).Select(m => m.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new { u.DisplayName, Email = u.Email ?? "" }, cancellationToken);
        return [.. stores
            .OrderBy(s => s.Name, StringComparer.CurrentCulture)
            .Select(s => new StoreDto(s.Id, s.Name, s.CreatedAt, [.. s.Staff
                .Where(m => users.ContainsKey(m.UserId))
                .OrderBy(m => users[m.UserId].DisplayName, StringComparer.CurrentCulture)
                .Select(m => new StoreStaffDto(m.UserId, users[m.UserId].DisplayName, users[m.UserId].Email, m.AddedAt))]))];
    }

    public async Task<StoreDto> CreateAsync(ClaimsPrincipal caller, Guid shopId, StoreRequest? request, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageStores, ManageStores, cancellationToken);
        var name = ValidName(request);
        if (await db.Stores.CountAsync(s => s.ShopId == shopId, cancellationToken) >= Limits.StoresPerShop)
        {
            throw DomainException.Conflict(ProblemCodes.StoreLimitReached, "A shop has at most {0} stores.", Limits.StoresPerShop);
        }

        await RequireFreeNameAsync(shopId, null, name, cancellationToken);
        var store = new Store(Guid.CreateVersion7(), shopId, name, clock.GetUtcNow().ToMilliseconds());
        db.Stores.Add(store);
        await SaveAsync(cancellationToken);
        return new StoreDto(store.Id, store.Name, store.CreatedAt, []);
    }

    public async Task<StoreDto> RenameAsync(ClaimsPrincipal caller, Guid shopId, Guid storeId, StoreRequest? request, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageStores, ManageStores, cancellationToken);
        var name = ValidName(request);
        var store = await FindAsync(shopId, storeId, cancellationToken);
        await RequireFreeNameAsync(shopId, storeId, name, cancellationToken);
        store.Rename(name);
        await SaveAsync(cancellationToken);
        return (await ListAsync(caller, shopId, cancellationToken)).Single(s => s.Id == storeId);
    }

    /// <summary>Adds the account with this e-mail address to the store's staff (again: nothing changes).</summary>
    public async Task<StoreDto> AddStaffAsync(ClaimsPrincipal caller, Guid shopId, Guid storeId, AddStoreStaffRequest? request, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageStores, ManageStores, cancellationToken);
        var store = await FindAsync(shopId, storeId, cancellationToken);
        var email = TextInput.Clean(request?.Email);
        if (email.Length is 0 or > Limits.EmailMaxLength || !email.Contains('@'))
        {
            throw DomainException.Invalid(ProblemCodes.StoreInvalid, "Enter the e-mail address of the staff member's LiveShop account.");
        }

        var normalized = email.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized && !u.IsGuest && u.SuspendedAt == null, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.StaffNotFound, "No LiveShop account uses {0}: ask them to sign up first, then add them.", email);
        if (store.Staff.All(m => m.UserId != user.Id))
        {
            if (store.Staff.Count >= Limits.StaffPerStore)
            {
                throw DomainException.Conflict(ProblemCodes.StoreLimitReached, "A store has at most {0} staff members.", Limits.StaffPerStore);
            }

            db.StoreStaff.Add(new StoreStaffMember(store.Id, user.Id, clock.GetUtcNow().ToMilliseconds()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // Added by another request at the same moment: they are on the staff, which is what was asked.
                db.ChangeTracker.Clear();
            }
        }

        return (await ListAsync(caller, shopId, cancellationToken)).Single(s => s.Id == storeId);
    }

    /// <summary>Takes someone off the store's staff: they make no new links for it; the links they made keep crediting the store.</summary>
    public async Task<StoreDto> RemoveStaffAsync(ClaimsPrincipal caller, Guid shopId, Guid storeId, Guid userId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageStores, ManageStores, cancellationToken);
        var store = await FindAsync(shopId, storeId, cancellationToken);
        // One statement: two managers taking the same person off at once get 200 and 404, not a concurrency error.
        if (await db.StoreStaff.Where(m => m.StoreId == store.Id && m.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw DomainException.NotFound(ProblemCodes.StaffNotFound, "That person is not on this store's staff.");
        }

        return (await ListAsync(caller, shopId, cancellationToken)).Single(s => s.Id == storeId);
    }

    private async Task<Store> FindAsync(Guid shopId, Guid storeId, CancellationToken cancellationToken) =>
        await db.Stores.Include(s => s.Staff).SingleOrDefaultAsync(s => s.Id == storeId && s.ShopId == shopId, cancellationToken)
        ?? throw DomainException.NotFound(ProblemCodes.StoreNotFound, "This shop has no store with that id.");

    private static string ValidName(StoreRequest? request)
    {
        var name = TextInput.Clean(request?.Name);
        if (name.Length is 0 or > Limits.StoreNameMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.StoreInvalid, "Give the store a name of 1 to {0} characters.", Limits.StoreNameMaxLength);
        }

        return name;
    }

    private async Task RequireFreeNameAsync(Guid shopId, Guid? storeId, string name, CancellationToken cancellationToken)
    {
        if (await db.Stores.AnyAsync(s => s.ShopId == shopId && s.Name == name && s.Id != storeId, cancellationToken))
        {
            throw NameTaken(name);
        }
    }

    private static DomainException NameTaken(string name) =>
        DomainException.Conflict(ProblemCodes.StoreNameTaken, "The shop already has a store called {0}.", name);

    /// <summary>Saves; two managers giving two stores the same name at once get a 409, not a 500.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw DomainException.Conflict(ProblemCodes.StoreNameTaken, "Someone else changed this store at the same moment: reload and try again.");
        }
    }
}
