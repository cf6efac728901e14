using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Hubs;

/// <summary>
/// The live room. Anyone (anonymous included) may join a show's group and watch; every method that
/// changes something checks role and ownership in its use case, and refuses with a HubException
/// ("[code] sentence", see <see cref="DomainExceptionHubFilter"/>).
/// </summary>
public sealed class LiveShowHub(LiveShopDbContext db, ChangeShowStatus changeStatus, TimeProvider clock)
    : Hub<ILiveShowClient>, ILiveShowHub
{
    public async Task<ShowStatusChangedDto> JoinShow(Guid showId)
    {
        var show = await db.Shows.AsNoTracking().SingleOrDefaultAsync(s => s.Id == showId, Context.ConnectionAborted)
            ?? throw DomainException.NotFound(ProblemCodes.ShowNotFound, "There is no show with that id.");
        await Groups.AddToGroupAsync(Context.ConnectionId, ShowGroups.Room(showId), Context.ConnectionAborted);
        return show.ToStatusChange(clock.GetUtcNow());
    }

    public Task LeaveShow(Guid showId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, ShowGroups.Room(showId), Context.ConnectionAborted);

    public Task<ShowStatusChangedDto> GoLive(Guid showId) =>
        changeStatus.GoLiveAsync(Context.User!, showId, Context.ConnectionAborted);

    public Task<ShowStatusChangedDto> EndShow(Guid showId) =>
        changeStatus.EndAsync(Context.User!, showId, Context.ConnectionAborted);
}
