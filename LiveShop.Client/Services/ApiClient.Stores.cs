using LiveShop.Shared;
using LiveShop.Shared.Stores;

namespace LiveShop.Client.Services;

// Stores and their staff (issue 17): the shop's stores, staff and leaderboard; a staff member's links and numbers.
public sealed partial class ApiClient
{
    public Task<List<StoreDto>> ShopStoresAsync(Guid shopId) => GetAsync(ApiRoutes.ShopStores(shopId), Json.ListStoreDto);

    public Task<StoreDto> CreateStoreAsync(Guid shopId, StoreRequest request) =>
        PostAsync(ApiRoutes.ShopStores(shopId), request, Json.StoreRequest, Json.StoreDto);

    public Task<StoreDto> RenameStoreAsync(Guid shopId, Guid storeId, StoreRequest request) =>
        PutAsync(ApiRoutes.ShopStore(shopId, storeId), request, Json.StoreRequest, Json.StoreDto);

    public Task<StoreDto> AddStoreStaffAsync(Guid shopId, Guid storeId, AddStoreStaffRequest request) =>
        PostAsync(ApiRoutes.ShopStoreStaff(shopId, storeId), request, Json.AddStoreStaffRequest, Json.StoreDto);

    public async Task<StoreDto> RemoveStoreStaffAsync(Guid shopId, Guid storeId, Guid userId) =>
        await ReadAsync(await http.DeleteAsync(ApiRoutes.ShopStoreStaffMember(shopId, storeId, userId)), Json.StoreDto);

    public Task<StoreLeaderboardDto> StoreLeaderboardAsync(Guid shopId, DateTimeOffset from, DateTimeOffset to) =>
        GetAsync($"{ApiRoutes.ShopStoreLeaderboard(shopId)}?{Period(from, to)}", Json.StoreLeaderboardDto);

    public Task<StaffHomeDto> StaffHomeAsync() => GetAsync(ApiRoutes.Staff, Json.StaffHomeDto);

    public Task<StaffLinkDto> CreateStaffLinkAsync(StaffLinkRequest request) =>
        PostAsync(ApiRoutes.StaffLinks, request, Json.StaffLinkRequest, Json.StaffLinkDto);

    public Task<StaffLinkCardDto> StaffLinkCardAsync(string code) => GetAsync(ApiRoutes.StaffLink(Uri.EscapeDataString(code)), Json.StaffLinkCardDto);

    public Task<StaffResultsDto> StaffResultsAsync(DateTimeOffset from, DateTimeOffset to) =>
        GetAsync($"{ApiRoutes.StaffResults}?{Period(from, to)}", Json.StaffResultsDto);
}
