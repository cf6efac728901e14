using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Services;

/// <summary>
/// Reads what pages show. In the browser it calls the REST API; during server prerendering the server
/// registers an implementation that queries the database directly.
/// </summary>
public interface IShowReader
{
    Task<ShowListDto> ListAsync();

    /// <summary>The show, or null when there is none with that id.</summary>
    Task<ShowDetailDto?> GetAsync(Guid id);

    /// <summary>The signed-in host's shows.</summary>
    Task<IReadOnlyList<ShowSummaryDto>> MineAsync();

    Task<IReadOnlyList<ProductDto>> ProductsAsync(string? currency);
}

internal sealed class HttpShowReader(ApiClient api) : IShowReader
{
    public Task<ShowListDto> ListAsync() => api.ListShowsAsync();

    public async Task<ShowDetailDto?> GetAsync(Guid id)
    {
        try
        {
            return await api.GetShowAsync(id);
        }
        catch (ApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<IReadOnlyList<ShowSummaryDto>> MineAsync() => api.MyShowsAsync();

    public Task<IReadOnlyList<ProductDto>> ProductsAsync(string? currency) => api.ProductsAsync(currency);
}
