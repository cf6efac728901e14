using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Media;
using LiveShop.Server.Features.Shops;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shows;

/// <summary>
/// Edits a scheduled show until it goes live: title, description, start time, lineup and its order,
/// commission and co-host (<see cref="UpdateAsync"/>), and its poster (<see cref="SetPosterAsync"/>).
/// Allowed to the show's host while they host for its shop, and to the shop's owners and managers;
/// others get 403, an unknown show 404, a live or ended show 409. Every check runs before anything is
/// written, under the show's room lock (so an edit and "Go live" never interleave).
/// </summary>
public sealed class EditShow(LiveShopDbContext db, RoomWriter writer, ShowFormValidator validator, ShopAccess access, StoreImage images)
{
    /// <summary>The form's starting point, for the show's editors.</summary>
    public async Task<ShowEditDto> GetAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var show = await db.Shows.AsNoTracking().Include(s => s.CoHost).SingleOrDefaultAsync(s => s.Id == showId, cancellationToken)
            ?? throw DomainException.ShowNotFound();
        await RequireEditorAsync(caller, show, cancellationToken);
        return new ShowEditDto(await new ShowQueries(db).GetAsync(showId, cancellationToken), show.CommissionRate, show.CoHost?.Email, show.CoHostShare);
    }

    public async Task<ShowDetailDto> UpdateAsync(ClaimsPrincipal caller, Guid showId, UpdateShowRequest request, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadAsync(db, showId, cancellationToken);
            var membership = await RequireEditorAsync(caller, show, cancellationToken);
            show.RequireScheduled();

            var title = ShowFormValidator.Title(request.Title);
            var description = ShowFormValidator.Description(request.Description);

            // An unchanged start is kept even when it has passed: a show running late can still get its typo fixed.
            if (request.ScheduledStart.ToUniversalTime().ToMilliseconds() != show.ScheduledStart)
            {
                ShowFormValidator.Schedule(request.ScheduledStart, room.Now);
            }

            var productIds = await validator.LineupAsync(request.ProductIds, membership.Shop, show.HostId, show.Currency, cancellationToken);
            var coHostId = await validator.CoHostAsync(request.CoHostEmail, show.HostId, membership.UserId, membership.Shop, cancellationToken);

            show.Edit(title, description, request.ScheduledStart);
            show.SetCommission(request.CommissionRate ?? CreateShow.DefaultCommissionRate, coHostId, request.CoHostShare ?? 0);

            // The lineup's rows are keyed (show, product) with a unique (show, position): moving products
            // in one UPDATE batch could collide on a position, so the old rows go first, then the new ones.
            show.SetLineup([]);
            await db.SaveChangesAsync(cancellationToken);
            show.SetLineup(productIds);
            await Creators.CreatorShowLinks.EnsureAsync(db, show.Id, show.ShopId, show.HostId, productIds, room.Now, cancellationToken);
            return show.Id;
        }, cancellationToken);

        return await new ShowQueries(db).GetAsync(showId, cancellationToken);
    }

    /// <summary>
    /// Stores the uploaded photo (field <c>file</c>) as the show's poster, replacing any earlier one (whose
    /// files are deleted). Refused (and nothing stored) for non-editors and once the show is live.
    /// </summary>
    public async Task<ShowDetailDto> SetPosterAsync(ClaimsPrincipal caller, Guid showId, IFormFile? file, CancellationToken cancellationToken = default)
    {
        // Refuse before the photo is processed: who may, and whether the show is still scheduled.
        var current = await db.Shows.AsNoTracking().SingleOrDefaultAsync(s => s.Id == showId, cancellationToken) ?? throw DomainException.ShowNotFound();
        await RequireEditorAsync(caller, current, cancellationToken);
        current.RequireScheduled();
        if (file is null)
        {
            throw DomainException.Invalid(ProblemCodes.ImageInvalid, "Choose a JPEG, PNG or WebP photo to upload (the form field “file”).");
        }

        var stored = await images.StoreAsync(file, cancellationToken);
        try
        {
            await ReplacePosterAsync(caller, showId, stored.Id, cancellationToken);
        }
        catch
        {
            // The show went live (or the caller lost their role) while the photo was processed: no orphan files.
            await images.DeleteAsync(stored.Id, CancellationToken.None);
            throw;
        }

        return await new ShowQueries(db).GetAsync(showId, cancellationToken);
    }

    /// <summary>Removes the show's poster (the first lineup product's photo is its cover again).</summary>
    public async Task<ShowDetailDto> RemovePosterAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        await ReplacePosterAsync(caller, showId, null, cancellationToken);
        return await new ShowQueries(db).GetAsync(showId, cancellationToken);
    }

    private async Task ReplacePosterAsync(ClaimsPrincipal caller, Guid showId, string? imageId, CancellationToken cancellationToken)
    {
        var replaced = await writer.WriteAsync(showId, async _ =>
        {
            var show = await db.Shows.SingleOrDefaultAsync(s => s.Id == showId, cancellationToken) ?? throw DomainException.ShowNotFound();
            await RequireEditorAsync(caller, show, cancellationToken);
            return show.SetPoster(imageId);
        }, cancellationToken);

        // Posters are never shared (each upload gets a new id): the replaced one's files can go.
        if (replaced is not null)
        {
            await images.DeleteAsync(replaced, CancellationToken.None);
        }
    }

    /// <summary>The show's host (while a host of its shop), or an owner or manager of its shop.</summary>
    private Task<ShopMembership> RequireEditorAsync(ClaimsPrincipal caller, Show show, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        return access.RequireAsync(
            caller,
            show.ShopId,
            role => ShopPermissions.CanManageCatalog(role) || (ShopPermissions.CanHost(role) && show.IsHostedBy(userId)),
            "edit this show (only its host and the shop's owners and managers can)",
            cancellationToken);
    }
}
