using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using LiveShop.Server.Realtime;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using QuestionEntity = LiveShop.Server.Features.Moderation.Question;
using RoomEventRecord = LiveShop.Server.Realtime.RoomEventRecord;
using ShowEntity = LiveShop.Server.Features.Shows.Show;

namespace LiveShop.Server.Tests.Features.Moderation;

/// <summary>
/// Every moderation hub method and endpoint (and the host's own room controls) × every role: allowed
/// and done, or refused with the right code and nothing changed (the show's whole stored state is
/// compared before and after). Each case is its own show.
/// </summary>
public partial class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture) : IClassFixture<AuthorizationMatrixFixture>
{
    private const string Allowed = "allowed";
    private static readonly Guid Jade = LiveRoom.Lineup[0];

    /// <summary>Who may call an operation.</summary>
    private enum Access
    {
        /// <summary>Anyone, anonymous included.</summary>
        Anyone,
        /// <summary>Anyone signed in, guests included.</summary>
        SignedIn,
        /// <summary>The show's host, co-host and moderators.</summary>
        Staff,
        /// <summary>The show's host only (Host role, and this show).</summary>
        Host,
        /// <summary>The show's host and co-host.</summary>
        Presenter,
    }

    /// <summary>A case's show and what its setup made (the question, chat line, held message, sale acted on).</summary>
    private sealed class Scene(AuthorizationMatrixFixture fixture, ShowDetailDto show)
    {
        public Guid ShowId => show.Id;

        public LiveShopFactory Factory => fixture.Factory;

        public Caller Host => fixture[Role.Host];

        public Caller Author => fixture.Author;

        public Caller DeskModerator => fixture[Role.ModeratorOfThisShow];

        public Guid QuestionId { get; set; }

        public Guid MessageId { get; set; }

        public Guid HeldId { get; set; }

        public Guid SaleId { get; set; }

        public async Task AskAsAuthorAsync(string text) =>
            QuestionId = (await Author.Hub.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AskQuestion), ShowId, new AskQuestionRequest(text))).Id;

        public async Task RequireApprovalAsync() =>
            (await Host.Http.PutAsJsonAsync(ApiRoutes.ModerationSettings(ShowId), new ModerationSettingsDto(true, false))).EnsureSuccessStatusCode();

        public Task<SendChatResult> ChatAsAuthorAsync(string text) =>
            Author.Hub.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), ShowId, new SendChatRequest(text, null));

        public Task<T> ReadAsync<T>(Func<LiveShopDbContext, Task<T>> read) => Factory.ReadAsync(read);

        public Task<ShowEntity> ShowAsync() => ReadAsync(db => db.Shows.AsNoTracking().SingleAsync(s => s.Id == ShowId));

        public Task<QuestionEntity> QuestionAsync() => ReadAsync(db => db.Questions.AsNoTracking().SingleAsync(q => q.Id == QuestionId));

        public Task<List<RoomEventRecord>> EventsAsync(string kind) =>
            ReadAsync(db => db.RoomEvents.AsNoTracking().Where(e => e.ShowId == ShowId && e.Kind == kind).ToListAsync());

        public async Task<ModerationAuditDto> LastAuditAsync()
        {
            var audit = await Host.Http.GetFromJsonAsync<List<ModerationAuditDto>>(ApiRoutes.ModerationAudit(ShowId));
            return audit![0];
        }
    }

    private sealed record Operation(
        string Name,
        Access Access,
        Func<Scene, Caller, Task<object?>> Act,
        Func<Scene, Caller, object?, Task> Verify,
        Func<Scene, Task>? Arrange = null,
        bool Live = true);

    private static Func<Scene, Caller, Task<object?>> Hub<T>(string method, Func<Scene, object?[]> args) =>
        async (scene, caller) => await caller.Hub.InvokeCoreAsync<T>(method, args(scene));

    private static Func<Scene, Caller, Task<object?>> Http(Func<Scene, HttpClient, Task<HttpResponseMessage>> send) =>
        async (scene, caller) => await send(scene, caller.Http);

    private static async Task<T> BodyAsync<T>(object? result, HttpStatusCode status)
    {
        var response = Assert.IsType<HttpResponseMessage>(result);
        Assert.Equal(status, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private static async Task AssertAuditedAsync(Scene scene, Caller caller, string action)
    {
        var last = await scene.LastAuditAsync();
        Assert.Equal(action, last.Action);
        Assert.Equal(caller.UserId, last.ActorId);
    }

    private static readonly Operation[] Operations =
    [
        // Viewers' side.
        new("GetQuestions", Access.Anyone,
            Hub<QuestionBoardDto>(nameof(ILiveShowHub.GetQuestions), s => [s.ShowId]),
            async (s, caller, result) =>
            {
                var board = Assert.IsType<QuestionBoardDto>(result);
                var all = await s.ReadAsync(db => db.Questions.Where(q => q.ShowId == s.ShowId).ToListAsync());
                var seen = IsStaff(caller.Role) ? all : all.Where(q => q.IsPublic).ToList();
                Assert.Equal(seen.Select(q => q.Id).Order(), board.Questions.Select(q => q.Id).Order());
                Assert.Equal(2, all.Count);
            },
            Arrange: async s =>
            {
                await s.AskAsAuthorAsync("Is the jade roller real jade?");
                await s.RequireApprovalAsync();
                await s.AskAsAuthorAsync("Pending: can I pay at pickup?");
            }),
        new("AskQuestion", Access.SignedIn,
            Hub<QuestionDto>(nameof(ILiveShowHub.AskQuestion), s => [s.ShowId, new AskQuestionRequest("Does the teapot come with a strainer?")]),
            async (s, caller, result) =>
            {
                var asked = Assert.IsType<QuestionDto>(result);
                Assert.Equal(QuestionStatus.Open, asked.Status);
                var stored = await s.ReadAsync(db => db.Questions.SingleAsync(q => q.ShowId == s.ShowId));
                Assert.Equal((asked.Id, caller.UserId), (stored.Id, (Guid?)stored.AuthorId));
                Assert.Single(await s.EventsAsync(RoomEventKinds.Question));
            }),
        new("VoteQuestion", Access.SignedIn,
            Hub<QuestionDto>(nameof(ILiveShowHub.VoteQuestion), s => [s.ShowId, s.QuestionId, true]),
            async (s, caller, result) =>
            {
                Assert.Equal(1, Assert.IsType<QuestionDto>(result).Votes);
                Assert.Equal(1, (await s.QuestionAsync()).Votes);
                Assert.True(await s.ReadAsync(db => db.QuestionVotes.AnyAsync(v => v.QuestionId == s.QuestionId && v.UserId == caller.UserId)));
            },
            Arrange: s => s.AskAsAuthorAsync("Which tea is best cold-brewed?")),
        new("SendChat", Access.SignedIn,
            Hub<SendChatResult>(nameof(ILiveShowHub.SendChat), s => [s.ShowId, new SendChatRequest("Hello from the matrix", null)]),
            async (s, caller, result) =>
            {
                var posted = Assert.IsType<SendChatResult>(result).Posted;
                Assert.NotNull(posted);
                var role = caller.Role switch
                {
                    Role.Host => ChatAuthorRole.Host,
                    Role.ModeratorOfThisShow or Role.ShopOwner or Role.ShopModerator or Role.ShopHost => ChatAuthorRole.Moderator,
                    Role.Guest => ChatAuthorRole.Guest,
                    _ => ChatAuthorRole.Viewer,
                };
                Assert.Equal((caller.UserId, role), ((Guid?)posted.Message.AuthorId, posted.Message.AuthorRole));
                Assert.Single(await s.EventsAsync(RoomEventKinds.Chat));
            }),

        // The show's staff.
        new("GetModeration", Access.Staff,
            Hub<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), s => [s.ShowId]),
            (s, caller, result) =>
            {
                var state = Assert.IsType<ModerationStateDto>(result);
                Assert.Equal(s.ShowId, state.ShowId);
                Assert.Equal(caller.Role == Role.Host, state.IsHost);
                return Task.CompletedTask;
            }),
        new("ApproveQuestion", Access.Staff,
            Hub<QuestionDto>(nameof(ILiveShowHub.ApproveQuestion), s => [s.ShowId, s.QuestionId]),
            async (s, caller, _) =>
            {
                Assert.Equal(QuestionStatus.Open, (await s.QuestionAsync()).Status);
                Assert.Single(await s.EventsAsync(RoomEventKinds.Question));
                await AssertAuditedAsync(s, caller, ModerationActions.ApproveQuestion);
            },
            Arrange: async s =>
            {
                await s.RequireApprovalAsync();
                await s.AskAsAuthorAsync("Do you ship to Kaohsiung?");
            }),
        new("AnswerQuestion", Access.Staff,
            Hub<QuestionDto>(nameof(ILiveShowHub.AnswerQuestion), s => [s.ShowId, new AnswerQuestionRequest(s.QuestionId, "Yes, a steel one.")]),
            async (s, caller, _) =>
            {
                var question = await s.QuestionAsync();
                Assert.Equal((QuestionStatus.Answered, "Yes, a steel one."), (question.Status, question.Answer));
                await AssertAuditedAsync(s, caller, ModerationActions.AnswerQuestion);
            },
            Arrange: s => s.AskAsAuthorAsync("Does the teapot come with a strainer?")),
        new("DismissQuestion", Access.Staff,
            Hub<QuestionDto>(nameof(ILiveShowHub.DismissQuestion), s => [s.ShowId, s.QuestionId]),
            async (s, caller, _) =>
            {
                Assert.Equal(QuestionStatus.Dismissed, (await s.QuestionAsync()).Status);
                await AssertAuditedAsync(s, caller, ModerationActions.DismissQuestion);
            },
            Arrange: s => s.AskAsAuthorAsync("Off topic: what's your favourite film?")),
        new("DeleteChat", Access.Staff,
            Hub<ChatDeletedEvent>(nameof(ILiveShowHub.DeleteChat), s => [s.ShowId, s.MessageId]),
            async (s, caller, _) =>
            {
                Assert.Empty(await s.EventsAsync(RoomEventKinds.Chat));
                Assert.DoesNotContain(await s.Factory.StoredPayloadsAsync(s.ShowId), p => p.Contains("Delete me please", StringComparison.Ordinal));
                await AssertAuditedAsync(s, caller, ModerationActions.DeleteMessage);
            },
            Arrange: async s => s.MessageId = (await s.ChatAsAuthorAsync("Delete me please")).Posted!.Message.Id),
        new("RestrictUser", Access.Staff,
            Hub<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), s => [s.ShowId, new RestrictUserRequest(s.Author.UserId!.Value, RestrictionKind.Timeout, 600)]),
            async (s, caller, _) =>
            {
                var restriction = await s.ReadAsync(db => db.ShowRestrictions.SingleAsync(r => r.ShowId == s.ShowId));
                Assert.Equal((s.Author.UserId, RestrictionKind.Timeout), ((Guid?)restriction.UserId, restriction.Kind));
                await AssertAuditedAsync(s, caller, ModerationActions.Timeout);
            }),
        new("LiftRestriction", Access.Staff,
            async (s, caller) =>
            {
                await caller.Hub.InvokeAsync(nameof(ILiveShowHub.LiftRestriction), s.ShowId, s.Author.UserId);
                return null;
            },
            async (s, caller, _) =>
            {
                Assert.False(await s.ReadAsync(db => db.ShowRestrictions.AnyAsync(r => r.ShowId == s.ShowId)));
                await AssertAuditedAsync(s, caller, ModerationActions.LiftRestriction);
            },
            Arrange: s => s.Host.Hub.InvokeAsync<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), s.ShowId, new RestrictUserRequest(s.Author.UserId!.Value, RestrictionKind.Ban, null))),
        new("SetSlowMode", Access.Staff,
            Hub<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), s => [s.ShowId, 30]),
            async (s, caller, _) =>
            {
                Assert.Equal(30, (await s.ShowAsync()).SlowModeSeconds);
                Assert.Single(await s.EventsAsync(RoomEventKinds.ChatSettings));
                await AssertAuditedAsync(s, caller, ModerationActions.SlowMode);
            }),
        new("SetAnnouncement", Access.Staff,
            Hub<ChatSettingsEvent>(nameof(ILiveShowHub.SetAnnouncement), s => [s.ShowId, "Free shipping tonight"]),
            async (s, caller, _) =>
            {
                Assert.Equal("Free shipping tonight", (await s.ShowAsync()).AnnouncementText);
                Assert.Single(await s.EventsAsync(RoomEventKinds.ChatSettings));
                await AssertAuditedAsync(s, caller, ModerationActions.Announcement);
            }),
        new("SetBlocklist", Access.Staff,
            Hub<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), s => [s.ShowId, new SetBlocklistRequest(["scam"])]),
            async (s, caller, _) =>
            {
                Assert.Equal(["scam"], (await s.ShowAsync()).BlocklistWords);
                await AssertAuditedAsync(s, caller, ModerationActions.Blocklist);
            }),
        new("ReleaseHeld", Access.Staff,
            Hub<HeldMessageDto>(nameof(ILiveShowHub.ReleaseHeld), s => [s.ShowId, s.HeldId]),
            async (s, caller, _) =>
            {
                Assert.Equal(HeldMessageStatus.Released, (await s.ReadAsync(db => db.HeldMessages.SingleAsync(h => h.Id == s.HeldId))).Status);
                var posted = (ChatPostedEvent)Assert.Single(await s.EventsAsync(RoomEventKinds.Chat)).ToEvent();
                Assert.Equal((s.Author.UserId, "is this a scam?"), ((Guid?)posted.Message.AuthorId, posted.Message.Text));
                await AssertAuditedAsync(s, caller, ModerationActions.ReleaseMessage);
            },
            Arrange: async s =>
            {
                await s.Host.Hub.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), s.ShowId, new SetBlocklistRequest(["scam"]));
                s.HeldId = (await s.ChatAsAuthorAsync("is this a scam?")).Held!.Id;
            }),
        new("DropHeld", Access.Staff,
            Hub<HeldMessageDto>(nameof(ILiveShowHub.DropHeld), s => [s.ShowId, s.HeldId]),
            async (s, caller, _) =>
            {
                Assert.Equal(HeldMessageStatus.Dropped, (await s.ReadAsync(db => db.HeldMessages.SingleAsync(h => h.Id == s.HeldId))).Status);
                Assert.Empty(await s.EventsAsync(RoomEventKinds.Chat));
                await AssertAuditedAsync(s, caller, ModerationActions.DropMessage);
            },
            Arrange: async s =>
            {
                await s.Host.Hub.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), s.ShowId, new SetBlocklistRequest(["scam"]));
                s.HeldId = (await s.ChatAsAuthorAsync("is this a scam?")).Held!.Id;
            }),

        // The host's own room controls: moderators cannot pin, run flash sales, or start and end the show.
        new("PinProduct", Access.Host,
            Hub<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), s => [s.ShowId, Jade]),
            async (s, _, _) => Assert.Single(await s.EventsAsync(RoomEventKinds.Pins))),
        new("UnpinProduct", Access.Host,
            Hub<PinsChangedEvent>(nameof(ILiveShowHub.UnpinProduct), s => [s.ShowId, Jade]),
            async (s, _, result) =>
            {
                Assert.Empty(Assert.IsType<PinsChangedEvent>(result).Pinned);
                Assert.Equal(2, (await s.EventsAsync(RoomEventKinds.Pins)).Count);
            },
            Arrange: s => s.Host.Hub.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), s.ShowId, Jade)),
        new("StartFlashSale", Access.Host,
            Hub<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), s => [s.ShowId, new StartFlashSaleRequest(Jade, 590m, 120, 10, 1)]),
            async (s, _, _) => Assert.Null((await s.ReadAsync(db => db.FlashSales.SingleAsync(f => f.ShowId == s.ShowId))).EndedAt)),
        new("EndFlashSale", Access.Host,
            Hub<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), s => [s.ShowId, s.SaleId]),
            async (s, _, _) => Assert.Equal(FlashSaleEndReason.EndedByHost, (await s.ReadAsync(db => db.FlashSales.SingleAsync(f => f.Id == s.SaleId))).EndReason),
            Arrange: async s => s.SaleId = (await s.Host.Hub.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), s.ShowId, new StartFlashSaleRequest(Jade, 590m, 120, 10, 1))).Sale.Id),
        new("GoLive", Access.Host,
            Hub<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), s => [s.ShowId]),
            async (s, _, _) => Assert.Equal(ShowStatus.Live, (await s.ShowAsync()).Status),
            Live: false),
        new("EndShow", Access.Host,
            Hub<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), s => [s.ShowId]),
            async (s, _, _) => Assert.Equal(ShowStatus.Ended, (await s.ShowAsync()).Status)),

        // The host's moderation settings, moderators and audit log (HTTP).
        new("GET ModerationSettings", Access.Host,
            Http((s, http) => http.GetAsync(ApiRoutes.ModerationSettings(s.ShowId))),
            async (_, _, result) => Assert.Equal(new ModerationSettingsDto(false, false), await BodyAsync<ModerationSettingsDto>(result, HttpStatusCode.OK))),
        new("PUT ModerationSettings", Access.Host,
            Http((s, http) => http.PutAsJsonAsync(ApiRoutes.ModerationSettings(s.ShowId), new ModerationSettingsDto(true, true))),
            async (s, caller, result) =>
            {
                Assert.Equal(new ModerationSettingsDto(true, true), await BodyAsync<ModerationSettingsDto>(result, HttpStatusCode.OK));
                var show = await s.ShowAsync();
                Assert.True(show.QuestionsNeedApproval && show.AllowGlobalModerators);
                await AssertAuditedAsync(s, caller, ModerationActions.Settings);
            }),
        new("GET Moderators", Access.Host,
            Http((s, http) => http.GetAsync(ApiRoutes.Moderators(s.ShowId))),
            async (s, _, result) =>
            {
                var moderators = await BodyAsync<ModeratorsDto>(result, HttpStatusCode.OK);
                Assert.Equal([s.DeskModerator.UserId!.Value], moderators.Moderators.Select(m => m.UserId));
                Assert.Contains(moderators.Candidates, c => c.UserId == DemoSeeder.ModeratorAccount.Id);
            }),
        new("POST Moderators", Access.Host,
            Http((s, http) => http.PostAsJsonAsync(ApiRoutes.Moderators(s.ShowId), new AddModeratorRequest(DemoSeeder.SecondViewerAccount.Email))),
            async (s, caller, result) =>
            {
                Assert.Contains(DemoSeeder.SecondViewerAccount.Email, (await BodyAsync<AddModeratorAnswerDto>(result, HttpStatusCode.Accepted)).Message);
                Assert.True(await s.ReadAsync(db => db.ShowModerators.AnyAsync(m => m.ShowId == s.ShowId && m.UserId == DemoSeeder.SecondViewerAccount.Id)));
                await AssertAuditedAsync(s, caller, ModerationActions.AddModerator);
            }),
        new("DELETE Moderator", Access.Host,
            Http((s, http) => http.DeleteAsync(ApiRoutes.Moderator(s.ShowId, s.DeskModerator.UserId!.Value))),
            async (s, caller, result) =>
            {
                Assert.Equal(HttpStatusCode.NoContent, Assert.IsType<HttpResponseMessage>(result).StatusCode);
                Assert.False(await s.ReadAsync(db => db.ShowModerators.AnyAsync(m => m.ShowId == s.ShowId)));
                await AssertAuditedAsync(s, caller, ModerationActions.RemoveModerator);
            }),
        new("GET ModerationAudit", Access.Presenter,
            Http((s, http) => http.GetAsync(ApiRoutes.ModerationAudit(s.ShowId))),
            async (s, _, result) =>
            {
                var audit = await BodyAsync<List<ModerationAuditDto>>(result, HttpStatusCode.OK);
                Assert.Equal([ModerationActions.Timeout, ModerationActions.AddModerator], audit.Select(a => a.Action));
            },
            Arrange: s => s.Host.Hub.InvokeAsync<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), s.ShowId, new RestrictUserRequest(s.Author.UserId!.Value, RestrictionKind.Timeout, 60))),
    ];

    private static string Expected(Access access, Role role) => (access, role) switch
    {
        (Access.Anyone, _) => Allowed,
        (_, Role.Anonymous) => ProblemCodes.NotSignedIn,
        (Access.SignedIn, _) => Allowed,
        (Access.Staff, _) when IsStaff(role) => Allowed,
        (Access.Staff, _) => ProblemCodes.NotShowStaff,
        (Access.Host or Access.Presenter, Role.Host) => Allowed,

        // Sellers (who hold the Host role) are told it is not their show; others that only hosts may.
        (Access.Host, Role.HostOfAnotherShow or Role.ShopOwner or Role.ShopHost) => ProblemCodes.NotShowHost,
        (Access.Host, _) => ProblemCodes.Forbidden,
        (Access.Presenter, _) => ProblemCodes.NotShowHost,
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    /// <summary>The show's staff: its host, its assigned moderator, and shop A's whole team.</summary>
    private static bool IsStaff(Role role) => role is Role.Host or Role.ModeratorOfThisShow or Role.ShopOwner or Role.ShopModerator or Role.ShopHost;

    public static TheoryData<string, Role, string> Cases()
    {
        var cases = new TheoryData<string, Role, string>();
        foreach (var operation in Operations)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                var expected = Expected(operation.Access, role);
                cases.Add(operation.Name, role, expected == Allowed ? Allowed : $"refused [{expected}]");
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Operation_AsRole_AllowedAndDone_OrRefusedWithNothingChanged(string operation, Role role, string expected)
    {
        var op = Operations.Single(o => o.Name == operation);
        var caller = fixture[role];
        var show = await fixture.NewShowAsync($"Matrix: {operation} as {role}", op.Live);
        var scene = new Scene(fixture, show);
        if (op.Arrange is not null)
        {
            await op.Arrange(scene);
        }

        var before = await fixture.Factory.FingerprintAsync(show.Id);
        var (result, refusal, status) = await RunAsync(op, scene, caller);

        if (expected == Allowed)
        {
            Assert.True(refusal is null, $"{operation} as {role} was refused: [{refusal}] ({status})");
            await op.Verify(scene, caller, result);
            return;
        }

        Assert.Equal(expected, $"refused [{refusal}]");
        if (status is { } httpStatus)
        {
            Assert.Equal(refusal == ProblemCodes.NotSignedIn ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, httpStatus);
        }

        Assert.Equal(before, await fixture.Factory.FingerprintAsync(show.Id));
    }

    /// <summary>Calls the operation; a refusal comes back as its code (and the HTTP status, for endpoints).</summary>
    private static async Task<(object? Result, string? Refusal, HttpStatusCode? Status)> RunAsync(Operation op, Scene scene, Caller caller)
    {
        try
        {
            var result = await op.Act(scene, caller);
            if (result is HttpResponseMessage { IsSuccessStatusCode: false } response)
            {
                return (null, (await Problem.ReadAsync(response)).Code, response.StatusCode);
            }

            return (result, null, null);
        }
        catch (HubException refused)
        {
            var code = RefusalCode().Match(refused.Message);
            Assert.True(code.Success, $"A refusal without a code: {refused.Message}");
            return (null, code.Groups[1].Value, null);
        }
    }

    [GeneratedRegex(@"\[([a-z-]+)\]")]
    private static partial Regex RefusalCode();
}
