using System.Security.Claims;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Server.Features.Shows;

/// <summary>The handlers of a scheduled show's edits (mapped in <see cref="ShowEndpoints"/>): <see cref="EditShow"/>.</summary>
internal static class EditShowEndpoints
{
    public static async Task<Ok<ShowEditDto>> GetForEditAsync(Guid id, ClaimsPrincipal user, EditShow edit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await edit.GetAsync(user, id, cancellationToken));

    public static async Task<Ok<ShowDetailDto>> UpdateAsync(Guid id, UpdateShowRequest request, ClaimsPrincipal user, EditShow edit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await edit.UpdateAsync(user, id, request, cancellationToken));

    public static async Task<Ok<ShowDetailDto>> SetPosterAsync(Guid id, [FromForm] IFormFile? file, ClaimsPrincipal user, EditShow edit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await edit.SetPosterAsync(user, id, file, cancellationToken));

    public static async Task<Ok<ShowDetailDto>> RemovePosterAsync(Guid id, ClaimsPrincipal user, EditShow edit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await edit.RemovePosterAsync(user, id, cancellationToken));
}
