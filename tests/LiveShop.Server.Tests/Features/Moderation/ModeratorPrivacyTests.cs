using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;

namespace LiveShop.Server.Tests.Features.Moderation;

/// <summary>Adding a moderator by e-mail and listing moderators tell a host nothing about other people's addresses.</summary>
public sealed class ModeratorPrivacyTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task AddModerator_RealAndUnknownEmail_AnsweredTheSame()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Privacy add", goLive: false);
        var real = await factory.RegisterAsync(asHost: false, "Has An Account");
        var guest = await factory.GuestAsync("Only A Guest");
        var unknown = $"nobody-{Guid.NewGuid():N}@liveshop.test";

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { real.User.Email!, unknown, DemoSeeder.HostAccount.Email, real.User.Email! })
        {
            var response = await room.Host.Http.PostAsJsonAsync(ApiRoutes.Moderators(room.Show.Id), new AddModeratorRequest(email));
            var body = await response.Content.ReadAsStringAsync();
            answers.Add((response.StatusCode, body.Replace(email, "<e-mail>", StringComparison.Ordinal)));
        }

        // A new account, an unknown address, the host's own, and the same account again: one status, one sentence.
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.Accepted, answers[0].Item1);
        Assert.DoesNotContain("Has An Account", answers[0].Item2);
        Assert.DoesNotContain(real.User.Id!.Value.ToString(), answers[0].Item2);

        // The real account was added all the same; the guest's made-up address cannot be typed.
        var list = (await room.Host.Http.GetFromJsonAsync<ModeratorsDto>(ApiRoutes.Moderators(room.Show.Id)))!;
        Assert.Equal([real.User.Id!.Value], list.Moderators.Select(m => m.UserId));
        Assert.DoesNotContain(list.Moderators, m => m.UserId == guest.User.Id);
    }

    [Fact]
    public async Task ListModerators_ShowsOnlyTheEmailsTheHostTyped()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Privacy list", goLive: false);
        var typed = await factory.RegisterAsync(asHost: false, "Typed By Host");
        await room.Host.Http.PostAsJsonAsync(ApiRoutes.Moderators(room.Show.Id), new AddModeratorRequest(typed.User.Email!));

        var list = (await room.Host.Http.GetFromJsonAsync<ModeratorsDto>(ApiRoutes.Moderators(room.Show.Id)))!;

        // The LiveShop moderators offered by name: no address the host never typed.
        var candidate = Assert.Single(list.Candidates, c => c.UserId == DemoSeeder.ModeratorAccount.Id);
        Assert.Equal(DemoSeeder.ModeratorAccount.DisplayName, candidate.DisplayName);
        Assert.All(list.Candidates, c => Assert.Null(c.Email));
        Assert.Equal(typed.User.Email, Assert.Single(list.Moderators).Email);

        // Added from that list by id, the LiveShop moderator appears by name only.
        var added = await room.Host.Http.PostAsJsonAsync(ApiRoutes.Moderators(room.Show.Id), new AddModeratorRequest(null, DemoSeeder.ModeratorAccount.Id));
        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        list = (await room.Host.Http.GetFromJsonAsync<ModeratorsDto>(ApiRoutes.Moderators(room.Show.Id)))!;
        Assert.Null(Assert.Single(list.Moderators, m => m.UserId == DemoSeeder.ModeratorAccount.Id).Email);
    }
}
