using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Moderation;

/// <summary>
/// Who calls, relative to the show under test: a fresh show the demo host created, without a co-host,
/// in the demo shop ("shop A"). "Another shop" is shop B, opened by a seller in the fixture.
/// </summary>
public enum Role
{
    /// <summary>No cookie at all.</summary>
    Anonymous,
    /// <summary>Continued as a guest.</summary>
    Guest,
    /// <summary>viewer@liveshop.test.</summary>
    Viewer,
    /// <summary>Has the global Moderator role and moderates in shop B's team; the show under test does not allow global moderators.</summary>
    ModeratorOfAnotherShow,
    /// <summary>A registered account the host made a moderator of the show under test.</summary>
    ModeratorOfThisShow,
    /// <summary>The owner of shop B: a host, of other shows in another shop.</summary>
    HostOfAnotherShow,
    /// <summary>host@liveshop.test, who created the show.</summary>
    Host,
    /// <summary>owner@liveshop.test: owner of shop A (staff of its shows, but not their host).</summary>
    ShopOwner,
    /// <summary>mod@liveshop.test: moderator in shop A's team (and a global moderator).</summary>
    ShopModerator,
    /// <summary>cohost@liveshop.test: a host in shop A's team, not presenting the show under test.</summary>
    ShopHost,
}

/// <summary>One browser: its HTTP client (with cookies) and its hub connection.</summary>
public sealed record Caller(Role Role, HttpClient Http, HubConnection Hub, Guid? UserId, string? Email);

/// <summary>
/// One app for the whole matrix, and every role signed in once (signing in hashes a password: too slow
/// to repeat for each of the cases). Each case makes its own show, so cases never see each other's changes.
/// </summary>
public sealed class AuthorizationMatrixFixture : IAsyncLifetime
{
    private readonly Dictionary<Role, Caller> _callers = [];

    public LiveShopFactory Factory { get; } = new();

    public IReadOnlyDictionary<Role, Caller> Callers => _callers;

    /// <summary>viewer2@liveshop.test: asks the questions, writes the chat lines and is the one restricted in the cases' setup.</summary>
    public Caller Author { get; private set; } = null!;

    public Caller this[Role role] => _callers[role];

    public async Task InitializeAsync()
    {
        _callers[Role.Anonymous] = new Caller(Role.Anonymous, Factory.NewBrowser(), await Factory.ConnectAsync(), null, null);
        _callers[Role.Guest] = await ConnectAsync(Role.Guest, await Factory.GuestAsync("Guest Matrix"));
        _callers[Role.Viewer] = await ConnectAsync(Role.Viewer, await Factory.SignInAsync(DemoSeeder.ViewerAccount.Email));
        var (sellerB, shopB) = await Factory.RegisterSellerAsync();
        _callers[Role.ModeratorOfAnotherShow] = await ConnectAsync(Role.ModeratorOfAnotherShow, await GlobalModeratorOfShopAsync(shopB.Id));
        _callers[Role.ModeratorOfThisShow] = await ConnectAsync(Role.ModeratorOfThisShow, await Factory.RegisterAsync(asHost: false, "Desk Moderator"));
        _callers[Role.HostOfAnotherShow] = await ConnectAsync(Role.HostOfAnotherShow, sellerB);
        _callers[Role.Host] = await ConnectAsync(Role.Host, await Factory.SignInAsync(DemoSeeder.HostAccount.Email));
        _callers[Role.ShopOwner] = await ConnectAsync(Role.ShopOwner, await Factory.SignInAsync(DemoSeeder.OwnerAccount.Email));
        _callers[Role.ShopModerator] = await ConnectAsync(Role.ShopModerator, await Factory.SignInAsync(DemoSeeder.ModeratorAccount.Email));
        _callers[Role.ShopHost] = await ConnectAsync(Role.ShopHost, await Factory.SignInAsync(DemoSeeder.CoHostAccount.Email));
        Author = await ConnectAsync(Role.Viewer, await Factory.SignInAsync(DemoSeeder.SecondViewerAccount.Email));
    }

    /// <summary>A fresh show by the host, with the "moderator of this show" assigned; live unless asked otherwise.</summary>
    public async Task<ShowDetailDto> NewShowAsync(string title, bool live)
    {
        var host = this[Role.Host];
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request(title, LiveRoom.Lineup));
        created.EnsureSuccessStatusCode();
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        Assert.Null(show.CoHost);
        var assigned = await host.Http.PostAsJsonAsync(ApiRoutes.Moderators(show.Id), new AddModeratorRequest(this[Role.ModeratorOfThisShow].Email!));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, assigned.StatusCode);
        if (live)
        {
            await host.Hub.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);
        }

        return show;
    }

    public async Task DisposeAsync()
    {
        foreach (var caller in _callers.Values.Append(Author))
        {
            await caller.Hub.DisposeAsync();
            caller.Http.Dispose();
        }

        await Factory.DisposeAsync();
    }

    /// <summary>A new account with the global Moderator role, in shop B's team as a moderator, signed in again so its cookie carries the role.</summary>
    private async Task<SignedIn> GlobalModeratorOfShopAsync(Guid shopId)
    {
        var registered = await Factory.RegisterAsync(asHost: false, "Global Moderator");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(registered.User.Id!.Value.ToString()))!, Roles.Moderator);
            var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
            db.ShopMembers.Add(new ShopMember(shopId, registered.User.Id!.Value, ShopRole.Moderator, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        return await Factory.SignInAsync(registered.User.Email!, "Passw0rd-test");
    }

    private async Task<Caller> ConnectAsync(Role role, SignedIn signedIn) =>
        new(role, signedIn.Http, await Factory.ConnectAsync(signedIn.Cookies), signedIn.User.Id, signedIn.User.Email);
}
