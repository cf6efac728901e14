using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Services;

// Shops, their team, invitations, the first-run setup and the administrator's lists (issue 11).
public sealed partial class ApiClient
{
    /// <summary>The caller's shops and their role in each.</summary>
    public async Task<IReadOnlyList<MyShopDto>> MyShopsAsync() => await GetAsync(ApiRoutes.Shops, Json.ListMyShopDto);

    /// <summary>Opens a shop; the caller becomes its owner.</summary>
    public Task<ShopDto> OpenShopAsync(ShopSettingsRequest request) => PostAsync(ApiRoutes.Shops, request, Json.ShopSettingsRequest, Json.ShopDto);

    public Task<ShopDto> GetShopAsync(Guid shopId) => GetAsync(ApiRoutes.Shop(shopId), Json.ShopDto);

    /// <summary>Changes the shop's settings (owners only).</summary>
    public Task<ShopDto> UpdateShopAsync(Guid shopId, ShopSettingsRequest request) => PutAsync(ApiRoutes.Shop(shopId), request, Json.ShopSettingsRequest, Json.ShopDto);

    public Task<IReadOnlyList<ShowSummaryDto>> ShopShowsAsync(Guid shopId) => GetAsync(ApiRoutes.ShopShows(shopId), Json.IReadOnlyListShowSummaryDto);

    public async Task<IReadOnlyList<ShopMemberDto>> ShopMembersAsync(Guid shopId) => await GetAsync(ApiRoutes.ShopMembers(shopId), Json.ListShopMemberDto);

    /// <summary>Changes a member's role (owners only; the last owner stays an owner).</summary>
    public Task<ShopMemberDto> ChangeMemberRoleAsync(Guid shopId, Guid userId, ShopRole role) =>
        PutAsync(ApiRoutes.ShopMember(shopId, userId), new ChangeMemberRoleRequest(role), Json.ChangeMemberRoleRequest, Json.ShopMemberDto);

    /// <summary>An owner removes a member, or the caller (with their own id) leaves the shop.</summary>
    public Task RemoveMemberAsync(Guid shopId, Guid userId) => DeleteAsync(ApiRoutes.ShopMember(shopId, userId));

    /// <summary>Open invitations (owners only).</summary>
    public async Task<IReadOnlyList<ShopInvitationDto>> ShopInvitationsAsync(Guid shopId) => await GetAsync(ApiRoutes.ShopInvitations(shopId), Json.ListShopInvitationDto);

    /// <summary>E-mails an invitation link, valid seven days, good for one use.</summary>
    public Task<ShopInvitationDto> InviteMemberAsync(Guid shopId, InviteMemberRequest request) =>
        PostAsync(ApiRoutes.ShopInvitations(shopId), request, Json.InviteMemberRequest, Json.ShopInvitationDto);

    public Task WithdrawInvitationAsync(Guid shopId, Guid invitationId) => DeleteAsync(ApiRoutes.ShopInvitation(shopId, invitationId));

    /// <summary>What an invitation link offers, before anyone accepts it.</summary>
    public Task<InvitationPreviewDto> PreviewInvitationAsync(string token) => GetAsync(ApiRoutes.Invitation(token), Json.InvitationPreviewDto);

    /// <summary>Joins the shop; when not signed in, the password (and name) sign in or create the invited account. Sets the sign-in cookie.</summary>
    public Task<MyShopDto> AcceptInvitationAsync(AcceptInvitationRequest request) =>
        PostAsync(ApiRoutes.AcceptInvitation, request, Json.AcceptInvitationRequest, Json.MyShopDto);

    public Task<SetupStatusDto> SetupStatusAsync() => GetAsync(ApiRoutes.Setup, Json.SetupStatusDto);

    /// <summary>Creates the administrator and the first shop, and signs the administrator in.</summary>
    public Task<MyShopDto> CompleteSetupAsync(SetupRequest request) => PostAsync(ApiRoutes.Setup, request, Json.SetupRequest, Json.MyShopDto);

    /// <summary>Every shop, 50 a page (page 0 first).</summary>
    public Task<PageDto<AdminShopDto>> AdminShopsAsync(string? search, int page) => GetAsync(AdminPageQuery(ApiRoutes.AdminShops, search, page), Json.PageDtoAdminShopDto);

    /// <summary>Every account, 50 a page (page 0 first).</summary>
    public Task<PageDto<AdminUserDto>> AdminUsersAsync(string? search, int page) => GetAsync(AdminPageQuery(ApiRoutes.AdminUsers, search, page), Json.PageDtoAdminUserDto);

    public Task<AdminShopDto> SuspendShopAsync(Guid shopId, bool suspended) =>
        PutAsync(ApiRoutes.AdminShopSuspension(shopId), new SuspendRequest(suspended), Json.SuspendRequest, Json.AdminShopDto);

    public Task SuspendUserAsync(Guid userId, bool suspended) =>
        SendAsync(HttpMethod.Put, ApiRoutes.AdminUserSuspension(userId), new SuspendRequest(suspended), Json.SuspendRequest);

    /// <summary>Grants or takes the global Moderator role.</summary>
    public Task SetGlobalModeratorAsync(Guid userId, bool isModerator) =>
        SendAsync(HttpMethod.Put, ApiRoutes.AdminUserModerator(userId), new GlobalModeratorRequest(isModerator), Json.GlobalModeratorRequest);

    private static string AdminPageQuery(string path, string? search, int page) =>
        string.IsNullOrWhiteSpace(search)
            ? $"{path}?page={page}"
            : $"{path}?search={Uri.EscapeDataString(search.Trim())}&page={page}";
}
