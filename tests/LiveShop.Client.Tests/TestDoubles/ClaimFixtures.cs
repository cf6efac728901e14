using LiveShop.Shared;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.TestDoubles;

/// <summary>"+1" claims in the live show of <see cref="ShopTestData"/> (and its tee with variants, <see cref="VariantTestData"/>).</summary>
public static class ClaimFixtures
{
    private static readonly Guid ShowId = ShopTestData.ShowId;

    public static Guid ClaimId(int n) => new(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0xc1]);

    /// <summary>A claim on the jade roller (or <paramref name="productId"/>), made <paramref name="claimedAt"/>: held claims are paid by 30 minutes later unless told.</summary>
    public static ChatClaimDto Claim(
        int n,
        ChatClaimStatus status,
        DateTimeOffset claimedAt,
        decimal price = 650m,
        int? waitPosition = null,
        DateTimeOffset? payBy = null,
        string buyer = "Ann",
        Guid? productId = null,
        string productName = "Jade Face Roller",
        Guid? variantId = null,
        string? variantLabel = null) =>
        new(ClaimId(n), ShowId, productId ?? ShopTestData.Jade, variantId, productName, variantLabel, ShopTestData.JadeItem.ImageUrl, price, Currencies.Twd,
            status, claimedAt, status == ChatClaimStatus.Held ? payBy ?? claimedAt.AddMinutes(30) : payBy,
            status == ChatClaimStatus.Waiting ? waitPosition ?? 1 : null, null, buyer);

    /// <summary>The jade roller's claims ("+1": no variants).</summary>
    public static ChatClaimSettingsDto JadeClaims(bool open, int payMinutes = 30, int claimed = 0, int waiting = 0) =>
        new(ShopTestData.Jade, open, payMinutes, [new ClaimKeywordDto(ClaimKeywords.Plus1, null, null, claimed, waiting)]);

    /// <summary>The tee's claims: one keyword per variant ("+1 Black / M", "+1 Black / L", "+1 White / M").</summary>
    public static ChatClaimSettingsDto TeeClaims(bool open, int payMinutes = 30, int blackM = 0, int blackMWaiting = 0, int blackL = 0) =>
        new(VariantTestData.Tee, open, payMinutes,
        [
            new ClaimKeywordDto(ClaimKeywords.ForVariant("Black / M"), VariantTestData.BlackM, "Black / M", blackM, blackMWaiting),
            new ClaimKeywordDto(ClaimKeywords.ForVariant("Black / L"), VariantTestData.BlackL, "Black / L", blackL, 0),
            new ClaimKeywordDto(ClaimKeywords.ForVariant("White / M"), VariantTestData.WhiteM, "White / M", 0, 0),
        ]);

    /// <summary>The show with the jade roller, the oolong and the tee (all as <see cref="ShopTestData"/> and <see cref="VariantTestData"/> have them).</summary>
    public static ShowDetailDto Detail(DateTimeOffset now) =>
        ShopTestData.Detail(now) with { Lineup = [ShopTestData.JadeItem, ShopTestData.OolongItem, VariantTestData.TeeItem with { Position = 2 }] };

    /// <summary>A join of the live show at sequence 10 with <paramref name="pinned"/> on screen and the claims given.</summary>
    public static JoinResult Join(DateTimeOffset now, IReadOnlyList<Guid> pinned, IReadOnlyList<ChatClaimSettingsDto>? claims = null, bool isStaff = false) =>
        new(ShowId, now,
            new RoomSnapshot(ShowId, 10, ShowStatus.Live, now.AddMinutes(-5), null, pinned, [], [], 0, new ChatSettingsDto(0, null), Claims: claims),
            [], new RoomStats(ShowId, 12, 12, 0, 0, now), null, isStaff);
}
