using System.Security.Claims;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Moderation;

/// <summary>The host's moderation settings, moderators and audit log over HTTP (the live actions are hub methods).</summary>
public static class ModerationEndpoints
{
    public static IEndpointRouteBuilder MapModerationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Shows + "/{id:guid}").WithTags("Moderation")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/moderation/settings", SettingsAsync).WithName("ModerationSettings").WithSummary("Whether questions need approval and global moderators may moderate (host).");
        group.MapPut("/moderation/settings", ChangeSettingsAsync).WithName("ChangeModerationSettings").WithSummary("Changes the show's moderation settings (host).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/moderation/audit", AuditAsync).WithName("ModerationAudit").WithSummary("Every moderation action, newest first (host and co-host).");
        group.MapGet("/moderators", ModeratorsAsync).WithName("ShowModerators").WithSummary("The show's moderators and the users with the Moderator role (host).");
        group.MapPost("/moderators", AddModeratorAsync).WithName("AddShowModerator").WithSummary("Makes the account with that e-mail (or the listed candidate) a moderator of the show; 202 with the same answer whether or not the e-mail has an account (host).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/moderators/{userId:guid}", RemoveModeratorAsync).WithName("RemoveShowModerator").WithSummary("Removes a moderator from the show (host).");
        return app;
    }

    private static async Task<Ok<ModerationSettingsDto>> SettingsAsync(Guid id, ClaimsPrincipal user, ModeratorRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Ok(await roster.SettingsAsync(user, id, cancellationToken));

    private static async Task<Ok<ModerationSettingsDto>> ChangeSettingsAsync(Guid id, ModerationSettingsDto settings, ClaimsPrincipal user, ModeratorRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Ok(await roster.ChangeSettingsAsync(user, id, settings, cancellationToken));

    private static async Task<Ok<IReadOnlyList<ModerationAuditDto>>> AuditAsync(Guid id, ClaimsPrincipal user, ModeratorRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Ok(await roster.AuditAsync(user, id, cancellationToken));

    private static async Task<Ok<ModeratorsDto>> ModeratorsAsync(Guid id, ClaimsPrincipal user, ModeratorRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Ok(await roster.ListAsync(user, id, cancellationToken));

    private static async Task<Accepted<AddModeratorAnswerDto>> AddModeratorAsync(Guid id, AddModeratorRequest request, ClaimsPrincipal user, ModeratorRoster roster, CancellationToken cancellationToken) =>
        TypedResults.Accepted(ApiRoutes.Moderators(id), await roster.AddAsync(user, id, request, cancellationToken));

    private static async Task<NoContent> RemoveModeratorAsync(Guid id, Guid userId, ClaimsPrincipal user, ModeratorRoster roster, CancellationToken cancellationToken)
    {
        await roster.RemoveAsync(user, id, userId, cancellationToken);
        return TypedResults.NoContent();
    }
}

public static class ModerationExtensions
{
    /// <summary>Questions, chat moderation, the show's staff and the host's moderation settings.</summary>
    public static WebApplicationBuilder AddLiveShopModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ShowStaff>();
        builder.Services.AddScoped<Questions>();
        builder.Services.AddScoped<ChatModeration>();
        builder.Services.AddScoped<ModeratorRoster>();
        builder.Services.AddSingleton<ModerationNotifier>();
        return builder;
    }
}
