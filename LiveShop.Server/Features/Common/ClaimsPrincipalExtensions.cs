using System.Security.Claims;
using LiveShop.Shared;

namespace LiveShop.Server.Features.Common;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id (guests included), or null for anonymous callers.</summary>
    public static Guid? FindUserId(this ClaimsPrincipal? user)
    {
        var value = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        return user?.Identity?.IsAuthenticated == true && Guid.TryParse(value, out var id) ? id : null;
    }

    /// <summary>The caller's id; refuses anonymous callers with a clear message.</summary>
    public static Guid RequireUserId(this ClaimsPrincipal? user) =>
        user.FindUserId() ?? throw DomainException.NotSignedIn("Sign in (or continue as a guest) to do this.");

    /// <summary>Refuses callers without the role: 401 when anonymous, 403 otherwise.</summary>
    public static Guid RequireRole(this ClaimsPrincipal? user, string role, Phrase whatFor)
    {
        var id = user.RequireUserId();
        if (!user!.IsInRole(role))
        {
            throw DomainException.Forbidden(ProblemCodes.Forbidden, "Only {0} can {1}.", new Phrase(role.ToLowerInvariant() + "s"), whatFor);
        }

        return id;
    }

    /// <summary>The name the room shows for the caller.</summary>
    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(LiveShopClaims.DisplayName) ?? "Someone";

    public static bool IsGuest(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == LiveShopClaims.Guest);
}
