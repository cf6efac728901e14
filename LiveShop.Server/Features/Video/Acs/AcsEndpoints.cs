using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Video.Acs;

public static class AcsEndpoints
{
    public static IEndpointRouteBuilder MapAcsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(ApiRoutes.Shows + "/{id:guid}/video/acs-session", StartSessionAsync)
            .WithTags("Video").WithName("StartAcsSession")
            .WithSummary("A token and Room to watch (Consumer) or present (host: Presenter) a show whose video comes through Azure Communication Services.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    private static async Task<Results<Ok<AcsSessionDto>, ProblemHttpResult>> StartSessionAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, AcsSessions sessions, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await sessions.StartAsync(user, http, id, cancellationToken));
        }
        catch (AcsServiceException)
        {
            // Logged by the client (status and ACS's code; never a token). Nothing the caller can fix but retry.
            return TypedResults.Problem(ProblemFactory.Create(StatusCodes.Status502BadGateway, ProblemCodes.AcsUnavailable,
                "The video service (Azure Communication Services) did not answer as expected. Please try again in a moment."));
        }
    }
}

public static class AcsExtensions
{
    /// <summary>Azure Communication Services: the signed REST client (only used when <c>Acs:ConnectionString</c> is set) and the session use case.</summary>
    public static IServiceCollection AddLiveShopAcs(this IServiceCollection services)
    {
        services.AddOptions<AcsOptions>()
            .Validate(o => !o.IsConfigured || TryParse(o.ConnectionString) is null, "Acs:ConnectionString is not a valid ACS connection string (endpoint=https://…/;accesskey=…).")
            .ValidateOnStart();
        services.AddSingleton<AcsLocks>();
        services.AddSingleton<IAcsClient>(sp => sp.GetRequiredService<IOptions<AcsOptions>>().Value is { IsConfigured: true } acs
            ? new AcsClient(AcsConnectionString.Parse(acs.ConnectionString), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AcsClient>>())
            : new NotConfiguredAcsClient());
        services.AddScoped<AcsSessions>();
        return services;
    }

    private static string? TryParse(string? connectionString)
    {
        try
        {
            AcsConnectionString.Parse(connectionString);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }
}

/// <summary>Stands in when <c>Acs:ConnectionString</c> is empty; never called, since sessions refuse first.</summary>
internal sealed class NotConfiguredAcsClient : IAcsClient
{
    private static InvalidOperationException NotConfigured() => new("Azure Communication Services is not configured (Acs:ConnectionString).");

    public Task<(string UserId, AcsToken? Token)> CreateIdentityAsync(IReadOnlyList<string> scopes, int tokenMinutes, CancellationToken cancellationToken = default) => throw NotConfigured();

    public Task<AcsToken> IssueTokenAsync(string userId, IReadOnlyList<string> scopes, int tokenMinutes, CancellationToken cancellationToken = default) => throw NotConfigured();

    public Task<string> CreateRoomAsync(DateTimeOffset validFrom, DateTimeOffset validUntil, IReadOnlyDictionary<string, AcsRoomRole> participants, CancellationToken cancellationToken = default) => throw NotConfigured();

    public Task UpsertParticipantsAsync(string roomId, IReadOnlyDictionary<string, AcsRoomRole> participants, CancellationToken cancellationToken = default) => throw NotConfigured();
}
