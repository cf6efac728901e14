using LiveShop.Client.Services;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.TestDoubles;

/// <summary>Reads one show (any other id is not found).</summary>
public sealed class SingleShowReader(ShowDetailDto show) : IShowReader
{
    public Task<ShowDetailDto?> GetAsync(Guid id) => Task.FromResult(id == show.Id ? show : null);

    public Task<ShowListDto> ListAsync() => throw new NotSupportedException();

    public Task<IReadOnlyList<ShowSummaryDto>> MineAsync() => throw new NotSupportedException();

    public Task<IReadOnlyList<ProductDto>> ProductsAsync(string? currency) => throw new NotSupportedException();
}
