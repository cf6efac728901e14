using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Orders;

/// <summary>The buyer's purchase settings: the "just bought" privacy switch and the remembered address.</summary>
public sealed class BuyerProfile(LiveShopDbContext db)
{
    public async Task<ProfileDto> GetAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        var user = await LoadAsync(caller, cancellationToken);
        return ToDto(user);
    }

    public async Task<ProfileDto> UpdateAsync(ClaimsPrincipal caller, UpdateProfileRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw DomainException.Invalid(Shared.ProblemCodes.ValidationFailed, "Send the privacy switch and, optionally, an address.");
        }

        if (request.SavedAddress is { } address)
        {
            PlaceOrder.ValidateAddress(address);
        }

        var user = await LoadAsync(caller, cancellationToken);
        user.ShowMyPurchases = request.ShowMyPurchases;
        user.SavedAddress = request.SavedAddress is null ? null : ShippingAddress.From(request.SavedAddress);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(user);
    }

    private async Task<AppUser> LoadAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var id = caller.RequireUserId();
        return await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw DomainException.NotSignedIn("Your account no longer exists. Sign in again.");
    }

    private static ProfileDto ToDto(AppUser user) => new(user.DisplayName, user.ShowMyPurchases, user.SavedAddress?.ToDto());
}
