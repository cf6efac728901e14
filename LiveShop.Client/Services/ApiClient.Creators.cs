using LiveShop.Shared;
using LiveShop.Shared.Creators;

namespace LiveShop.Client.Services;

// Creators selling for brands (issue 17): the creator's profile, programs and products; the brand's program and creators.
public sealed partial class ApiClient
{
    public Task<CreatorProfileDto> CreatorProfileAsync() => GetAsync(ApiRoutes.CreatorProfile, Json.CreatorProfileDto);

    public Task<CreatorProfileDto> SaveCreatorProfileAsync(CreatorProfileRequest request) =>
        PutAsync(ApiRoutes.CreatorProfile, request, Json.CreatorProfileRequest, Json.CreatorProfileDto);

    public Task<List<BrandProgramDto>> BrandProgramsAsync() => GetAsync(ApiRoutes.CreatorPrograms, Json.ListBrandProgramDto);

    public async Task<BrandProgramDto> JoinBrandProgramAsync(Guid shopId) =>
        await ReadAsync(await http.PostAsync(ApiRoutes.CreatorProgramJoin(shopId), content: null), Json.BrandProgramDto);

    public Task<List<CreatorProductDto>> CreatorProductsAsync() => GetAsync(ApiRoutes.CreatorProducts, Json.ListCreatorProductDto);

    public Task<CreatorProgramDto> ShopCreatorProgramAsync(Guid shopId) => GetAsync(ApiRoutes.ShopCreatorProgram(shopId), Json.CreatorProgramDto);

    public Task<CreatorProgramDto> SaveShopCreatorProgramAsync(Guid shopId, CreatorProgramRequest request) =>
        PutAsync(ApiRoutes.ShopCreatorProgram(shopId), request, Json.CreatorProgramRequest, Json.CreatorProgramDto);

    public Task<List<ProgramCreatorDto>> ShopCreatorsAsync(Guid shopId) => GetAsync(ApiRoutes.ShopCreators(shopId), Json.ListProgramCreatorDto);

    public Task<ProgramCreatorDto> DecideShopCreatorAsync(Guid shopId, Guid creatorId, ProgramCreatorRequest request) =>
        PutAsync(ApiRoutes.ShopCreator(shopId, creatorId), request, Json.ProgramCreatorRequest, Json.ProgramCreatorDto);
}
