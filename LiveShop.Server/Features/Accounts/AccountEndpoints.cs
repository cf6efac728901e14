using System.Security.Claims;
using LiveShop.Server.Features.Security;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Accounts;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Account).WithTags("Account");
        group.MapPost("/sign-in", SignInAsync).WithName("SignIn").WithSummary("Signs in with email and password (sets the auth cookie).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.SignIn);
        group.MapPost("/register", RegisterAsync).WithName("Register").WithSummary("Creates a Viewer (or Host) account and signs it in.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.Register);
        group.MapPost("/guest", GuestAsync).WithName("ContinueAsGuest").WithSummary("Starts a guest session with only a display name.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.Guest);
        group.MapPost("/sign-out", SignOutAsync).WithName("SignOut").WithSummary("Ends the session.");
        group.MapGet("/me", Me).WithName("Me").WithSummary("Who the caller is.");
        return app;
    }

    private static async Task<Ok<CurrentUserDto>> SignInAsync(SignInRequest request, AccountService accounts) =>
        TypedResults.Ok(await accounts.SignInAsync(request));

    private static async Task<Ok<CurrentUserDto>> RegisterAsync(RegisterRequest request, AccountService accounts) =>
        TypedResults.Ok(await accounts.RegisterAsync(request));

    private static async Task<Ok<CurrentUserDto>> GuestAsync(GuestRequest request, AccountService accounts) =>
        TypedResults.Ok(await accounts.ContinueAsGuestAsync(request));

    private static async Task<NoContent> SignOutAsync(AccountService accounts)
    {
        await accounts.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static Ok<CurrentUserDto> Me(ClaimsPrincipal user) => TypedResults.Ok(AccountService.Describe(user));
}
