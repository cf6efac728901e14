using System.Net.Http.Json;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Services;

// Shops, their team, invitations, the first-run setup and the administrator's lists (issue 11).
// PUT and DELETE go through http directly, so this file adds no private helper whose name another
// ApiClient part might also choose.
public sealed partial class ApiClient
{
    /// <summary>The caller's shops and their role in each.</summary>
    public Task<IReadOnlyList<MyShopDto>> MyShopsAsync() => GetAsync<IReadOnlyList<MyShopDto>>(ApiRoutes.Shops);

    /// <summary>Opens a shop; the caller becomes its owner.</summary>
    public Task<ShopDto> OpenShopAsync(ShopSettingsRequest request) => PostAsync<ShopSettingsRequest, ShopDto>(ApiRoutes.Shops, request);

    public Task<ShopDto> GetShopAsync(Guid shopId) => GetAsync<ShopDto>(ApiRoutes.Shop(shopId));

    /// <summary>Changes the shop's settings (owners only).</summary>
    public async Task<ShopDto> UpdateShopAsync(Guid shopId, ShopSettingsRequest request) =>
        await ReadAsync<ShopDto>(await http.PutAsJsonAsync(ApiRoutes.Shop(shopId), request));

    public Task<IReadOnlyList<ShowSummaryDto>> ShopShowsAsync(Guid shopId) => GetAsync<IReadOnlyList<ShowSummaryDto>>(ApiRoutes.ShopShows(shopId));

    public Task<IReadOnlyList<ShopMemberDto>> ShopMembersAsync(Guid shopId) => GetAsync<IReadOnlyList<ShopMemberDto>>(ApiRoutes.ShopMembers(shopId));

    /// <summary>Changes a member's role (owners only; the last owner stays an owner).</summary>
    public async Task<ShopMemberDto> ChangeMemberRoleAsync(Guid shopId, Guid userId, ShopRole role) =>
        await ReadAsync<ShopMemberDto>(await http.PutAsJsonAsync(ApiRoutes.ShopMember(shopId, userId), new ChangeMemberRoleRequest(role)));

    /// <summary>An owner removes a member, or the caller (with their own id) leaves the shop.</summary>
    public async Task RemoveMemberAsync(Guid shopId, Guid userId) => await EnsureAsync(await http.DeleteAsync(ApiRoutes.ShopMember(shopId, userId)));

    /// <summary>Open invitations (owners only).</summary>
    public Task<IReadOnlyList<ShopInvitationDto>> ShopInvitationsAsync(Guid shopId) => GetAsync<IReadOnlyList<ShopInvitationDto>>(ApiRoutes.ShopInvitations(shopId));

    /// <summary>E-mails an invitation link, valid seven days, good for one use.</summary>
    public Task<ShopInvitationDto> InviteMemberAsync(Guid shopId, InviteMemberRequest request) =>
        PostAsync<InviteMemberRequest, ShopInvitationDto>(ApiRoutes.ShopInvitations(shopId), request);

    public async Task WithdrawInvitationAsync(Guid shopId, Guid invitationId) => await EnsureAsync(await http.DeleteAsync(ApiRoutes.ShopInvitation(shopId, invitationId)));

    /// <summary>What an invitation link offers, before anyone accepts it.</summary>
    public Task<InvitationPreviewDto> PreviewInvitationAsync(string token) => GetAsync<InvitationPreviewDto>(ApiRoutes.Invitation(token));

    /// <summary>Joins the shop; when not signed in, the password (and name) sign in or create the invited account. Sets the sign-in cookie.</summary>
    public Task<MyShopDto> AcceptInvitationAsync(AcceptInvitationRequest request) => PostAsync<AcceptInvitationRequest, MyShopDto>(ApiRoutes.AcceptInvitation, request);

    public Task<SetupStatusDto> SetupStatusAsync() => GetAsync<SetupStatusDto>(ApiRoutes.Setup);

    /// <summary>Creates the administrator and the first shop, and signs the administrator in.</summary>
    public Task<MyShopDto> CompleteSetupAsync(SetupRequest request) => PostAsync<SetupRequest, MyShopDto>(ApiRoutes.Setup, request);

    /// <summary>Every shop, 50 a page (page 0 first).</summary>
    public Task<PageDto<AdminShopDto>> AdminShopsAsync(string? search, int page) => GetAsync<PageDto<AdminShopDto>>(AdminPageQuery(ApiRoutes.AdminShops, search, page));

    /// <summary>Every account, 50 a page (page 0 first).</summary>
    public Task<PageDto<AdminUserDto>> AdminUsersAsync(string? search, int page) => GetAsync<PageDto<AdminUserDto>>(AdminPageQuery(ApiRoutes.AdminUsers, search, page));

    public async Task<AdminShopDto> SuspendShopAsync(Guid shopId, bool suspended) =>
        await ReadAsync<AdminShopDto>(await http.PutAsJsonAsync(ApiRoutes.AdminShopSuspension(shopId), new SuspendRequest(suspended)));

    public async Task SuspendUserAsync(Guid userId, bool suspended) =>
        await EnsureAsync(await http.PutAsJsonAsync(ApiRoutes.AdminUserSuspension(userId), new SuspendRequest(suspended)));

    /// <summary>Grants or takes the global Moderator role.</summary>
    public async Task SetGlobalModeratorAsync(Guid userId, bool isModerator) =>
        await EnsureAsync(await http.PutAsJsonAsync(ApiRoutes.AdminUserModerator(userId), new GlobalModeratorRequest(isModerator)));

    private static string AdminPageQuery(string path, string? search, int page) =>
        string.IsNullOrWhiteSpace(search)
            ? $"{path}?page={page}"
            : $"{path}?search={Uri.EscapeDataString(search.Trim())}&page={page}";
}
