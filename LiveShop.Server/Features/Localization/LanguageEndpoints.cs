using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace LiveShop.Server.Features.Localization;

public static class LanguageEndpoints
{
    public static IEndpointRouteBuilder MapLanguageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(ApiRoutes.Language, ChooseAsync).WithTags("Account").WithName("ChooseLanguage")
            .WithSummary("Keeps the language picked in the app bar: a cookie for this browser and, when signed in, the profile.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<NoContent> ChooseAsync(LanguageChoice choice, HttpContext context, ClaimsPrincipal user, UserManager<AppUser> users, IConfiguration configuration)
    {
        var language = Languages.Match(choice.Language, configuration.GetValue<bool>("Localization:Pseudo"));
        if (language is null || !string.Equals(language, choice.Language?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Invalid(ProblemCodes.ValidationFailed, "Choose one of the languages offered: {0}.",
                string.Join(", ", Languages.Supported.Select(Languages.NativeName)));
        }

        LanguageCookie.Write(context, language);
        if (user.Identity?.IsAuthenticated == true && await users.GetUserAsync(user) is { } account && account.Language != language)
        {
            account.Language = language;
            await users.UpdateAsync(account);
        }

        return TypedResults.NoContent();
    }
}
