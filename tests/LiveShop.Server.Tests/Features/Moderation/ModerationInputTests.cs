using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static LiveShop.Server.Tests.Features.Moderation.ModerationSetup;

namespace LiveShop.Server.Tests.Features.Moderation;

/// <summary>Bad input to the moderation calls: refused with a clear code, and nothing changed; the limits themselves accepted.</summary>
public class ModerationInputTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    /// <summary>A live show with an open question by the viewer; the host acts.</summary>
    private sealed record Scene(LiveShopFactory Factory, LiveRoom Room, SignedIn Viewer, HubConnection ViewerHub, QuestionDto Question)
    {
        public Guid ShowId => Room.Show.Id;

        public HubConnection Host => Room.HostRoom.Connection;

        public Guid HeldId { get; set; }

        /// <summary>Another show of the same host, with a question and a chat line of its own.</summary>
        public async Task<(Guid QuestionId, Guid MessageId)> OtherShowAsync()
        {
            var other = await Room.Host.CreateShowAsync("Input: the other show");
            var question = await ViewerHub.AskAsync(other.Id, "Asked in the other show");
            var line = await Host.SendChatAsync(other.Id, "Said in the other show");
            return (question.Id, line.Posted!.Message.Id);
        }
    }

    private sealed record Case(Func<Scene, Task> Act, HttpStatusCode? Status = null, Func<Scene, Task>? Arrange = null);

    private static Case Hub(Func<Scene, Task> act, Func<Scene, Task>? arrange = null) => new(act, null, arrange);

    private static Case Http(Func<Scene, Task<HttpResponseMessage>> send, HttpStatusCode status) => new(send, status);

    private static Task Restrict(Scene s, RestrictionKind kind, int? seconds, Guid? userId = null) =>
        s.Host.InvokeAsync<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), s.ShowId, new RestrictUserRequest(userId ?? s.Viewer.User.Id!.Value, kind, seconds));

    private static Task Answer(Scene s, Guid questionId, string? text) =>
        s.Host.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AnswerQuestion), s.ShowId, new AnswerQuestionRequest(questionId, text));

    private static Task Blocklist(Scene s, params string[] words) =>
        s.Host.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), s.ShowId, new SetBlocklistRequest(words));

    private static string Text(int length) => new('a', length);

    private static readonly Dictionary<string, (Case Case, string Code)> Cases = new()
    {
        ["AskQuestion blank"] = (Hub(s => s.ViewerHub.AskAsync(s.ShowId, " \n\t ")), ProblemCodes.QuestionEmpty),
        ["AskQuestion of 301 characters"] = (Hub(s => s.ViewerHub.AskAsync(s.ShowId, Text(Limits.QuestionMaxLength + 1))), ProblemCodes.QuestionTooLong),
        ["AskQuestion in an ended show"] = (Hub(
            s => s.ViewerHub.AskAsync(s.ShowId, "Still there?"),
            s => s.Host.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), s.ShowId)), ProblemCodes.ShowEnded),
        ["VoteQuestion unknown question"] = (Hub(s => s.Host.VoteAsync(s.ShowId, Guid.NewGuid())), ProblemCodes.QuestionNotFound),
        ["AnswerQuestion of 501 characters"] = (Hub(s => Answer(s, s.Question.Id, Text(Limits.AnswerMaxLength + 1))), ProblemCodes.AnswerTooLong),
        ["AnswerQuestion unknown question"] = (Hub(s => Answer(s, Guid.NewGuid(), "Yes")), ProblemCodes.QuestionNotFound),
        ["AnswerQuestion another show's question"] = (Hub(async s => await Answer(s, (await s.OtherShowAsync()).QuestionId, "Yes")), ProblemCodes.QuestionNotFound),
        ["ApproveQuestion already visible"] = (Hub(s => s.Host.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.ApproveQuestion), s.ShowId, s.Question.Id)), ProblemCodes.QuestionNotPending),
        ["ApproveQuestion unknown question"] = (Hub(s => s.Host.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.ApproveQuestion), s.ShowId, Guid.NewGuid())), ProblemCodes.QuestionNotFound),
        ["DismissQuestion unknown question"] = (Hub(s => s.Host.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.DismissQuestion), s.ShowId, Guid.NewGuid())), ProblemCodes.QuestionNotFound),
        ["DeleteChat unknown message"] = (Hub(s => s.Host.InvokeAsync<ChatDeletedEvent>(nameof(ILiveShowHub.DeleteChat), s.ShowId, Guid.NewGuid())), ProblemCodes.ChatMessageNotFound),
        ["DeleteChat another show's message"] = (Hub(async s => await s.Host.InvokeAsync<ChatDeletedEvent>(nameof(ILiveShowHub.DeleteChat), s.ShowId, (await s.OtherShowAsync()).MessageId)), ProblemCodes.ChatMessageNotFound),
        ["RestrictUser timeout of 5 s"] = (Hub(s => Restrict(s, RestrictionKind.Timeout, 5)), ProblemCodes.RestrictionInvalid),
        ["RestrictUser timeout of 9 s"] = (Hub(s => Restrict(s, RestrictionKind.Timeout, 9)), ProblemCodes.RestrictionInvalid),
        ["RestrictUser timeout of 25 h"] = (Hub(s => Restrict(s, RestrictionKind.Timeout, 25 * 3600)), ProblemCodes.RestrictionInvalid),
        ["RestrictUser timeout without a duration"] = (Hub(s => Restrict(s, RestrictionKind.Timeout, null)), ProblemCodes.RestrictionInvalid),
        ["RestrictUser unknown kind"] = (Hub(s => Restrict(s, (RestrictionKind)7, 60)), ProblemCodes.RestrictionInvalid),
        ["RestrictUser unknown user"] = (Hub(s => Restrict(s, RestrictionKind.Ban, null, Guid.NewGuid())), ProblemCodes.UserNotFound),
        ["LiftRestriction of a user not restricted"] = (Hub(s => s.Host.InvokeAsync(nameof(ILiveShowHub.LiftRestriction), s.ShowId, s.Viewer.User.Id)), ProblemCodes.RestrictionNotFound),
        ["SetSlowMode -1 s"] = (Hub(s => s.Host.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), s.ShowId, -1)), ProblemCodes.SlowModeInvalid),
        ["SetSlowMode 3601 s"] = (Hub(s => s.Host.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), s.ShowId, Limits.SlowModeMaxSeconds + 1)), ProblemCodes.SlowModeInvalid),
        ["SetSlowMode 4000 s"] = (Hub(s => s.Host.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), s.ShowId, 4000)), ProblemCodes.SlowModeInvalid),
        ["SetAnnouncement of 201 characters"] = (Hub(s => s.Host.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetAnnouncement), s.ShowId, Text(Limits.AnnouncementMaxLength + 1))), ProblemCodes.AnnouncementTooLong),
        ["SetBlocklist word of 51 characters"] = (Hub(s => Blocklist(s, "spam", Text(Limits.BlocklistWordMaxLength + 1))), ProblemCodes.BlocklistInvalid),
        ["SetBlocklist of 201 words"] = (Hub(s => Blocklist(s, [.. Enumerable.Range(0, Limits.BlocklistMaxWords + 1).Select(i => $"word{i}")])), ProblemCodes.BlocklistInvalid),
        ["ReleaseHeld unknown message"] = (Hub(s => s.Host.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.ReleaseHeld), s.ShowId, Guid.NewGuid())), ProblemCodes.HeldMessageNotFound),
        ["DropHeld unknown message"] = (Hub(s => s.Host.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.DropHeld), s.ShowId, Guid.NewGuid())), ProblemCodes.HeldMessageNotFound),
        ["ReleaseHeld after the show ended"] = (Hub(
            s => s.Host.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.ReleaseHeld), s.ShowId, s.HeldId),
            async s =>
            {
                await Blocklist(s, "scam");
                s.HeldId = (await s.ViewerHub.SendChatAsync(s.ShowId, "scam alert")).Held!.Id;
                await s.Host.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), s.ShowId);
            }), ProblemCodes.ShowEnded),
        ["GetModeration unknown show"] = (Hub(s => s.Host.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), Guid.NewGuid())), ProblemCodes.ShowNotFound),
        ["POST Moderators blank e-mail"] = (Http(s => s.Room.Host.Http.PostAsJsonAsync(ApiRoutes.Moderators(s.ShowId), new AddModeratorRequest("  ")), HttpStatusCode.BadRequest), ProblemCodes.ModeratorInvalid),
        ["POST Moderators not an e-mail"] = (Http(s => s.Room.Host.Http.PostAsJsonAsync(ApiRoutes.Moderators(s.ShowId), new AddModeratorRequest("not an address")), HttpStatusCode.BadRequest), ProblemCodes.ModeratorInvalid),
        ["POST Moderators candidate id without the role"] = (Http(s => s.Room.Host.Http.PostAsJsonAsync(ApiRoutes.Moderators(s.ShowId), new AddModeratorRequest(null, DemoSeeder.ViewerAccount.Id)), HttpStatusCode.NotFound), ProblemCodes.ModeratorNotFound),
        ["DELETE Moderator not a moderator"] = (Http(s => s.Room.Host.Http.DeleteAsync(ApiRoutes.Moderator(s.ShowId, DemoSeeder.ModeratorAccount.Id)), HttpStatusCode.NotFound), ProblemCodes.ModeratorNotFound),
    };

    public static TheoryData<string, string> BadInput()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, (_, code)) in Cases)
        {
            data.Add(name, code);
        }

        return data;
    }

    private async Task<Scene> SceneAsync(string title)
    {
        var room = await LiveRoom.StartAsync(factory, title);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var viewerHub = await factory.ConnectAsync(viewer.Cookies);
        var question = await viewerHub.AskAsync(room.Show.Id, "Is the jade roller cold to the touch?");
        return new Scene(factory, room, viewer, viewerHub, question);
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_RefusedWithCode_AndNothingChanged(string call, string code)
    {
        var (test, _) = Cases[call];
        var scene = await SceneAsync($"Input: {call}");
        await using var room = scene.Room;
        await using var viewerHub = scene.ViewerHub;
        if (test.Arrange is not null)
        {
            await test.Arrange(scene);
        }

        var before = await factory.FingerprintAsync(scene.ShowId);

        if (test.Status is { } status)
        {
            var response = await (Task<HttpResponseMessage>)test.Act(scene);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
        }
        else
        {
            await RefusedAsync(() => test.Act(scene), code);
        }

        Assert.Equal(before, await factory.FingerprintAsync(scene.ShowId));
    }

    [Fact]
    public async Task Limits_ExactlyAtTheBoundary_Accepted()
    {
        var scene = await SceneAsync("Input: boundaries");
        await using var room = scene.Room;
        await using var viewerHub = scene.ViewerHub;
        var viewer2 = await factory.SignInAsync(DemoSeeder.SecondViewerAccount.Email);
        var words = Enumerable.Range(0, Limits.BlocklistMaxWords).Select(i => $"{i:D3}{Text(Limits.BlocklistWordMaxLength - 3)}").ToArray();

        var longest = await scene.ViewerHub.AskAsync(scene.ShowId, Text(Limits.QuestionMaxLength));
        await Answer(scene, longest.Id, Text(Limits.AnswerMaxLength));
        var shortest = await scene.Host.InvokeAsync<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), scene.ShowId, new RestrictUserRequest(scene.Viewer.User.Id!.Value, RestrictionKind.Timeout, 10));
        var longestTimeout = await scene.Host.InvokeAsync<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), scene.ShowId, new RestrictUserRequest(viewer2.User.Id!.Value, RestrictionKind.Timeout, 24 * 3600));
        var slow = await scene.Host.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), scene.ShowId, Limits.SlowModeMaxSeconds);
        var announced = await scene.Host.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetAnnouncement), scene.ShowId, Text(Limits.AnnouncementMaxLength));
        var stored = await scene.Host.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), scene.ShowId, new SetBlocklistRequest(words));

        Assert.Equal(Text(Limits.AnswerMaxLength), (await scene.Host.QuestionsAsync(scene.ShowId)).Questions.Single(q => q.Id == longest.Id).Answer);
        Assert.Equal(TimeSpan.FromSeconds(10), shortest.Until - shortest.At);
        Assert.Equal(TimeSpan.FromHours(24), longestTimeout.Until - longestTimeout.At);
        Assert.Equal(Limits.SlowModeMaxSeconds, slow.Settings.SlowModeSeconds);
        Assert.Equal(Limits.AnnouncementMaxLength, announced.Settings.Announcement!.Text.Length);
        Assert.Equal(words, stored);
    }
}
