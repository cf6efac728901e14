using System.Text.Json;
using LiveShop.Shared;
using LiveShop.Shared.Creators;

namespace LiveShop.Client.Services;

// Creators selling for brands (issue 17): the creator's profile, programs and products; the brand's program and creators.
public sealed partial class ApiClient
{
    /// <summary>The caller's creator profile, or null before they make one.</summary>
    public async Task<CreatorProfileDto?> CreatorProfileAsync()
    {
        var response = await http.GetAsync(ApiRoutes.CreatorProfile);
        await EnsureAsync(response);

        // "null", or (from some hosts) an empty body.
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, Json.CreatorProfileDto);
    }

    public Task<CreatorProfileDto> SaveCreatorProfileAsync(CreatorProfileRequest request) =>
        PutAsync(ApiRoutes.CreatorProfile, request, Json.CreatorProfileRequest, Json.CreatorProfileDto);

    /// <summary>Uploads the caller's creator photo (resized and re-encoded by the server's photo pipeline).</summary>
    public async Task<CreatorProfileDto> SetCreatorAvatarAsync(Stream content, string fileName, string contentType)
    {
        using var form = CatalogFileForm(new StreamContent(content), fileName, contentType);
        return await ReadAsync(await http.PostAsync(ApiRoutes.CreatorAvatar, form), Json.CreatorProfileDto);
    }

    public async Task<CreatorProfileDto> RemoveCreatorAvatarAsync() =>
        await ReadAsync(await http.DeleteAsync(ApiRoutes.CreatorAvatar), Json.CreatorProfileDto);

    public Task<List<BrandProgramDto>> BrandProgramsAsync() => GetAsync(ApiRoutes.CreatorPrograms, Json.ListBrandProgramDto);

    public async Task<BrandProgramDto> JoinBrandProgramAsync(Guid shopId) =>
        await ReadAsync(await http.PostAsync(ApiRoutes.CreatorProgramJoin(shopId), content: null), Json.BrandProgramDto);

    public Task<List<CreatorProductDto>> CreatorProductsAsync() => GetAsync(ApiRoutes.CreatorProducts, Json.ListCreatorProductDto);

    public Task<List<CreatorShowDto>> CreatorShowsAsync() => GetAsync(ApiRoutes.CreatorShows, Json.ListCreatorShowDto);

    public Task<CreatorLinkResultDto> CreateCreatorLinkAsync(CreatorLinkRequest request) =>
        PostAsync(ApiRoutes.CreatorLinks, request, Json.CreatorLinkRequest, Json.CreatorLinkResultDto);

    public Task<CreatorResultsDto> CreatorResultsAsync(DateTimeOffset from, DateTimeOffset to) =>
        GetAsync($"{ApiRoutes.CreatorResults}?{Period(from, to)}", Json.CreatorResultsDto);

    /// <summary>The address of the creator's CSV for the period (opened by the browser, which sends the session cookie).</summary>
    public static string CreatorResultsCsvUrl(DateTimeOffset from, DateTimeOffset to) => $"{ApiRoutes.CreatorResultsCsv}?{Period(from, to)}";

    public Task<BrandCreatorResultsDto> ShopCreatorResultsAsync(Guid shopId, DateTimeOffset from, DateTimeOffset to) =>
        GetAsync($"{ApiRoutes.ShopCreatorResults(shopId)}?{Period(from, to)}", Json.BrandCreatorResultsDto);

    public Task<List<CreatorStatementDto>> CreatorStatementsAsync(string month) =>
        GetAsync($"{ApiRoutes.CreatorStatements}?month={Uri.EscapeDataString(month)}", Json.ListCreatorStatementDto);

    public Task<List<CreatorStatementDto>> ShopCreatorStatementsAsync(Guid shopId, string month) =>
        GetAsync($"{ApiRoutes.ShopCreatorStatements(shopId)}?month={Uri.EscapeDataString(month)}", Json.ListCreatorStatementDto);

    public Task<CreatorStatementDto> MarkCreatorStatementPaidAsync(Guid shopId, Guid creatorId, MarkStatementPaidRequest request) =>
        PostAsync(ApiRoutes.ShopCreatorStatementPaid(shopId, creatorId), request, Json.MarkStatementPaidRequest, Json.CreatorStatementDto);

    private static string Period(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

    public Task<CreatorProgramDto> ShopCreatorProgramAsync(Guid shopId) => GetAsync(ApiRoutes.ShopCreatorProgram(shopId), Json.CreatorProgramDto);

    public Task<CreatorProgramDto> SaveShopCreatorProgramAsync(Guid shopId, CreatorProgramRequest request) =>
        PutAsync(ApiRoutes.ShopCreatorProgram(shopId), request, Json.CreatorProgramRequest, Json.CreatorProgramDto);

    public Task<List<ProgramCreatorDto>> ShopCreatorsAsync(Guid shopId) => GetAsync(ApiRoutes.ShopCreators(shopId), Json.ListProgramCreatorDto);

    public Task<ProgramCreatorDto> DecideShopCreatorAsync(Guid shopId, Guid creatorId, ProgramCreatorRequest request) =>
        PutAsync(ApiRoutes.ShopCreator(shopId, creatorId), request, Json.ProgramCreatorRequest, Json.ProgramCreatorDto);
}
