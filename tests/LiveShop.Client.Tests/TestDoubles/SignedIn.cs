using System.Security.Claims;
using LiveShop.Shared;
using Microsoft.AspNetCore.Components.Authorization;

namespace LiveShop.Client.Tests.TestDoubles;

/// <summary>The cascading authentication state of a signed-in user, as the app's router supplies it.</summary>
public static class SignedIn
{
    public static Task<AuthenticationState> As(Guid userId, string displayName, params string[] roles)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString()),
            new(ClaimTypes.Name, displayName),
            new(LiveShopClaims.DisplayName, displayName),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"))));
    }
}
