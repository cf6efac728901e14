using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shows;

/// <summary>A host schedules a show with a lineup of catalog products. Validates everything before writing anything.</summary>
public sealed class CreateShow(LiveShopDbContext db, ShowFormValidator validator, Video.VideoSources videoSources, ShopAccess access, TimeProvider clock)
{
    /// <summary>The host's commission when the request names none: 10 % of GMV.</summary>
    public const decimal DefaultCommissionRate = 0.10m;

    public async Task<ShowDetailDto> ExecuteAsync(ClaimsPrincipal caller, CreateShowRequest request, CancellationToken cancellationToken = default)
    {
        var hostId = caller.RequireRole(Roles.Host, "create shows");
        var shopId = request.ShopId ?? await OnlyShopAsync(hostId, cancellationToken);
        var membership = await access.RequireAsync(caller, shopId, ShopPermissions.CanHost, "schedule shows", cancellationToken);
        var now = clock.GetUtcNow();

        var title = ShowFormValidator.Title(request.Title);
        var description = ShowFormValidator.Description(request.Description);
        ShowFormValidator.Schedule(request.ScheduledStart, now);
        if (!Currencies.IsSupported(request.Currency))
        {
            throw DomainException.Invalid(ProblemCodes.ShowCurrencyInvalid, "Choose the show's currency from {0}.", string.Join(", ", Currencies.Supported));
        }

        var videoUrl = videoSources.Validate(request.VideoKind, request.VideoUrl);
        var productIds = await validator.LineupAsync(request.ProductIds, membership.Shop, hostId, request.Currency, cancellationToken);
        var coHostId = await validator.CoHostAsync(request.CoHostEmail, hostId, hostId, membership.Shop, cancellationToken);

        var show = new Show(Guid.CreateVersion7(), shopId, hostId, title, description, request.ScheduledStart, request.Currency, request.VideoKind, videoUrl, now);
        show.SetLineup(productIds);
        show.SetCommission(request.CommissionRate ?? DefaultCommissionRate, coHostId, request.CoHostShare ?? 0);
        db.Shows.Add(show);
        await Creators.CreatorShowLinks.EnsureAsync(db, show.Id, shopId, hostId, productIds, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        return await new ShowQueries(db).GetAsync(show.Id, cancellationToken);
    }

    /// <summary>The shop the caller hosts for, when it is the only one; refuses none or several.</summary>
    private async Task<Guid> OnlyShopAsync(Guid userId, CancellationToken cancellationToken)
    {
        var shops = (await access.MineAsync(userId, cancellationToken)).Where(s => ShopPermissions.CanHost(s.Role)).ToList();
        return shops.Count switch
        {
            1 => shops[0].Id,
            0 => throw DomainException.Forbidden(ProblemCodes.NotShopMember, "Open a shop, or join one as a host, to schedule shows."),
            _ => throw DomainException.Invalid(ProblemCodes.ShopNotFound, "You host for several shops: say which one this show is for."),
        };
    }
}
