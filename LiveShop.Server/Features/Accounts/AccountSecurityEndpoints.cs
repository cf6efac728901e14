using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Security;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Accounts;

/// <summary>The account's e-mail and password under <c>/api/account</c>: confirm, forgot/reset, change, delete.</summary>
public static class AccountSecurityEndpoints
{
    public static IEndpointRouteBuilder MapAccountSecurityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Account).WithTags("Account").AddEndpointFilter(MailFailuresAs503);
        group.MapGet("/email", EmailAsync).WithName("AccountEmail")
            .WithSummary("The signed-in account's e-mail, whether it is confirmed, and whether this server can send mail.");
        group.MapPost("/forgot-password", ForgotPasswordAsync).WithName("ForgotPassword")
            .WithSummary("Mails a password-reset link if the address has an account. Answers 202 either way.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.Mail);
        group.MapPost("/reset-password", ResetPasswordAsync).WithName("ResetPassword")
            .WithSummary("Sets a new password with the code from the reset mail (once, within its lifetime); signs out other sessions.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/confirm-email", ConfirmEmailAsync).WithName("ConfirmEmail")
            .WithSummary("Confirms the account's e-mail with the code from the confirmation mail.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/resend-confirmation", ResendConfirmationAsync).WithName("ResendConfirmation")
            .WithSummary("Sends the confirmation mail again to the signed-in account.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.Mail);
        group.MapPost("/change-password", ChangePasswordAsync).WithName("ChangePassword")
            .WithSummary("Changes the password (needs the current one); other sessions are signed out.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.SignIn);
        group.MapPost("/change-email", ChangeEmailAsync).WithName("ChangeEmail")
            .WithSummary("Mails a confirmation link to the new address; the address changes only when it is opened.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.Mail);
        group.MapPost("/confirm-email-change", ConfirmEmailChangeAsync).WithName("ConfirmEmailChange")
            .WithSummary("Completes an e-mail change with the code mailed to the new address.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/delete", DeleteAsync).WithName("DeleteAccount")
            .WithSummary("Deletes the signed-in account after its password; orders stay without the buyer's name and address.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.SignIn);
        return app;
    }

    private static async Task<Ok<AccountEmailDto>> EmailAsync(ClaimsPrincipal user, AccountSecurity security) =>
        TypedResults.Ok(await security.EmailAsync(user));

    private static async Task<Accepted> ForgotPasswordAsync(ForgotPasswordRequest? request, AccountSecurity security)
    {
        await security.ForgotPasswordAsync(request);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<NoContent> ResetPasswordAsync(ResetPasswordRequest? request, AccountSecurity security)
    {
        await security.ResetPasswordAsync(request);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> ConfirmEmailAsync(ConfirmEmailRequest? request, AccountSecurity security)
    {
        await security.ConfirmEmailAsync(request);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted> ResendConfirmationAsync(ClaimsPrincipal user, AccountSecurity security, CancellationToken cancellationToken)
    {
        await security.ResendConfirmationAsync(user, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<NoContent> ChangePasswordAsync(ChangePasswordRequest? request, ClaimsPrincipal user, AccountSecurity security)
    {
        await security.ChangePasswordAsync(user, request);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted> ChangeEmailAsync(ChangeEmailRequest? request, ClaimsPrincipal user, AccountSecurity security, CancellationToken cancellationToken)
    {
        await security.ChangeEmailAsync(user, request, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<NoContent> ConfirmEmailChangeAsync(ConfirmEmailChangeRequest? request, AccountSecurity security)
    {
        await security.ConfirmEmailChangeAsync(request);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DeleteAsync(DeleteAccountRequest? request, ClaimsPrincipal user, DeleteAccount deleteAccount, CancellationToken cancellationToken)
    {
        await deleteAccount.DeleteAsync(user, request, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>No mail server, or it refused the mail: 503 ProblemDetails with the house code and a sentence.</summary>
    private static async ValueTask<object?> MailFailuresAs503(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (AccountMailException e)
        {
            return TypedResults.Problem(ProblemFactory.Create(StatusCodes.Status503ServiceUnavailable, e.Code, e.Message));
        }
    }
}
