using LiveShop.Client.Services;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Common;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components.Authorization;

namespace LiveShop.Server.Features.Shows;

/// <summary>The pages' reads during server prerendering: straight from the database, no HTTP round trip.</summary>
internal sealed class ServerShowReader(ShowQueries queries, CatalogQueries catalog, AuthenticationStateProvider authentication) : IShowReader
{
    public Task<ShowListDto> ListAsync() => queries.ListAsync();

    public async Task<ShowDetailDto?> GetAsync(Guid id)
    {
        try
        {
            return await queries.GetAsync(id);
        }
        catch (DomainException e) when (e.Kind == RefusalKind.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ShowSummaryDto>> MineAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.FindUserId() is { } id ? await queries.ListHostedByAsync(id) : [];
    }

    public async Task<IReadOnlyList<ProductDto>> ProductsAsync(string? currency) => await catalog.ProductsAsync(currency);
}
