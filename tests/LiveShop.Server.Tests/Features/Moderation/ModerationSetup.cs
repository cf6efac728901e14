using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Moderation;

/// <summary>A moderator's desk: their hub connection subscribed to the staff pushes, and what it received.</summary>
public sealed record Desk(SignedIn User, HubConnection Connection, ModerationPushes Pushes, ModerationStateDto State) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>The steps the moderation tests share: assigning moderators, opening the desk, asking, chatting.</summary>
public static partial class ModerationSetup
{
    /// <summary>The host makes mod@liveshop.test a moderator of the room's show; returns him signed in.</summary>
    public static async Task<SignedIn> AssignModeratorAsync(this LiveShopFactory factory, LiveRoom room)
    {
        await room.AddModeratorAsync(DemoSeeder.ModeratorAccount.Email);
        return await factory.SignInAsync(DemoSeeder.ModeratorAccount.Email);
    }

    /// <summary>The host makes a new account, in no shop's team, a moderator of the room's show; returns it signed in.</summary>
    public static async Task<SignedIn> AssignOutsideModeratorAsync(this LiveShopFactory factory, LiveRoom room)
    {
        var outsider = await factory.RegisterAsync(asHost: false, "Freelance Moderator");
        await room.AddModeratorAsync(outsider.User.Email!);
        return outsider;
    }

    /// <summary>A new account with the global Moderator role and no shop, signed in again so its cookie carries the role.</summary>
    public static async Task<SignedIn> GlobalModeratorAsync(this LiveShopFactory factory)
    {
        var registered = await factory.RegisterAsync(asHost: false, "Platform Moderator");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(registered.User.Id!.Value.ToString()))!, Roles.Moderator);
        }

        return await factory.SignInAsync(registered.User.Email!, "Passw0rd-test");
    }

    /// <summary>The host makes the account with that e-mail a moderator of the room's show.</summary>
    public static async Task AddModeratorAsync(this LiveRoom room, string email)
    {
        var response = await room.Host.Http.PostAsJsonAsync(ApiRoutes.Moderators(room.Show.Id), new AddModeratorRequest(email));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Opens the moderator desk (GetModeration) on a new connection: from then on it receives the staff pushes.</summary>
    public static async Task<Desk> OpenDeskAsync(this LiveShopFactory factory, SignedIn staff, Guid showId)
    {
        var connection = await factory.ConnectAsync(staff.Cookies);
        var pushes = new ModerationPushes(connection);
        var state = await connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), showId);
        return new Desk(staff, connection, pushes, state);
    }

    public static async Task SetSettingsAsync(this LiveRoom room, bool questionsNeedApproval, bool allowGlobalModerators = false) =>
        (await room.Host.Http.PutAsJsonAsync(ApiRoutes.ModerationSettings(room.Show.Id), new ModerationSettingsDto(questionsNeedApproval, allowGlobalModerators))).EnsureSuccessStatusCode();

    public static Task<QuestionDto> AskAsync(this HubConnection connection, Guid showId, string text) =>
        connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AskQuestion), showId, new AskQuestionRequest(text));

    public static Task<QuestionDto> VoteAsync(this HubConnection connection, Guid showId, Guid questionId, bool vote = true) =>
        connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.VoteQuestion), showId, questionId, vote);

    public static Task<QuestionBoardDto> QuestionsAsync(this HubConnection connection, Guid showId) =>
        connection.InvokeAsync<QuestionBoardDto>(nameof(ILiveShowHub.GetQuestions), showId);

    public static Task<SendChatResult> SendChatAsync(this HubConnection connection, Guid showId, string text) =>
        connection.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), showId, new SendChatRequest(text, Guid.NewGuid()));

    /// <summary>The questions anonymous visitors see.</summary>
    public static async Task<QuestionBoardDto> AnonymousQuestionsAsync(this LiveShopFactory factory, Guid showId)
    {
        await using var connection = await factory.ConnectAsync();
        return await connection.QuestionsAsync(showId);
    }

    /// <summary>A fresh anonymous join: the snapshot (no afterSequence) or the events after <paramref name="afterSequence"/>.</summary>
    public static async Task<JoinResult> JoinFreshAsync(this LiveShopFactory factory, Guid showId, long? afterSequence = null, System.Net.CookieContainer? cookies = null)
    {
        await using var connection = await factory.ConnectAsync(cookies);
        return await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), showId, afterSequence);
    }

    public static async Task<List<ModerationAuditDto>> AuditAsync(this HttpClient http, Guid showId) =>
        (await http.GetFromJsonAsync<List<ModerationAuditDto>>(ApiRoutes.ModerationAudit(showId)))!;

    /// <summary>The call is refused with <paramref name="code"/>; returns the sentence the user sees.</summary>
    public static async Task<string> RefusedAsync(Func<Task> call, string code)
    {
        var refusal = await Assert.ThrowsAsync<HubException>(call);
        var match = RefusalCode().Match(refusal.Message);
        Assert.True(match.Success, $"No code in: {refusal.Message}");
        Assert.Equal(code, match.Groups[1].Value);
        return refusal.Message[(match.Index + match.Length)..].Trim();
    }

    [GeneratedRegex(@"\[([a-z-]+)\]")]
    private static partial Regex RefusalCode();

    public static readonly string ModeratorName = DemoSeeder.ModeratorAccount.DisplayName;
}
