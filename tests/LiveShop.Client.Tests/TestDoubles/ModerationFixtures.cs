using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.TestDoubles;

/// <summary>Questions, chat lines and join answers for the live show of <see cref="ShopTestData"/>.</summary>
public static class ModerationFixtures
{
    public static readonly Guid ShowId = ShopTestData.ShowId;
    public static readonly Guid Ann = Guid.Parse("a0000000-0000-4000-8000-0000000000a1");
    public static readonly Guid Bo = Guid.Parse("b0000000-0000-4000-8000-0000000000b2");
    public static readonly Guid Nikos = Guid.Parse("c0000000-0000-4000-8000-0000000000c3");

    public static Guid Id(int n) => new(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 9]);

    public static QuestionDto Question(
        int n,
        string text,
        DateTimeOffset askedAt,
        int votes = 0,
        QuestionStatus status = QuestionStatus.Open,
        string? answer = null,
        DateTimeOffset? answeredAt = null,
        int version = 1,
        Guid? author = null) =>
        new(Id(n), ShowId, author ?? Ann, author == Bo ? "Bo" : "Ann", text, status, votes, askedAt, answer,
            status == QuestionStatus.Answered ? "Nikos" : null, answeredAt, version);

    public static ChatMessageDto Message(int n, string text, DateTimeOffset at, Guid? author = null, ChatAuthorRole role = ChatAuthorRole.Viewer) =>
        new(Id(100 + n), author ?? Bo, author == Nikos ? "Nikos" : "Bo", role, text, at, null);

    public static JoinResult Join(
        DateTimeOffset serverTime,
        IReadOnlyList<ChatMessageDto>? chat = null,
        ChatSettingsDto? settings = null,
        RestrictionNoticeDto? restriction = null,
        long lastSequence = 10,
        bool isStaff = false) =>
        new(ShowId, serverTime,
            new RoomSnapshot(ShowId, lastSequence, ShowStatus.Live, serverTime.AddMinutes(-5), null, [], [], chat ?? [], 0, settings ?? new ChatSettingsDto(0, null)),
            [], new RoomStats(ShowId, 12, 12, 0, 0, serverTime), restriction, isStaff);

    public static ModerationStateDto Desk(
        IReadOnlyList<QuestionDto>? questions = null,
        IReadOnlyList<HeldMessageDto>? held = null,
        IReadOnlyList<RestrictionDto>? restrictions = null,
        IReadOnlyList<string>? blocklist = null,
        bool isHost = false) =>
        new(ShowId, isHost, false, false, new ChatSettingsDto(0, null), blocklist ?? [], questions ?? [], held ?? [], restrictions ?? []);
}
