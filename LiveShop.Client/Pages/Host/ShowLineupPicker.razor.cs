using LiveShop.Client.Components;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Pages.Host;

/// <summary>
/// The lineup of a show being created or edited: tick the shop's products (in the order ticked), and for a host who
/// sells for brands as a creator the brands' products opened to them, then move them up or down or remove them.
/// Raises <see cref="LineupChanged"/> with the new order.
/// </summary>
public sealed partial class ShowLineupPicker
{
    /// <summary>The shop's products in the show's currency; null while they load.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ShopProductDto>? Products { get; set; }

    /// <summary>The chosen products, in show order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<Guid> Lineup { get; set; } = [];

    [Parameter] public EventCallback<IReadOnlyList<Guid>> LineupChanged { get; set; }

    /// <summary>The show's current lineup (edit form): names a product no longer in <see cref="Products"/>, e.g. archived since.</summary>
    [Parameter] public IReadOnlyList<LineupItemDto> Current { get; set; } = [];

    [Parameter] public string Currency { get; set; } = "";

    [Parameter] public string? ShopName { get; set; }

    /// <summary>The brands' products opened to the host as a creator (any currency; those in the show's are offered).</summary>
    [Parameter] public IReadOnlyList<CreatorProductDto> BrandProducts { get; set; } = [];

    private IEnumerable<CreatorProductDto> BrandProductsInCurrency => BrandProducts.Where(p => p.Currency == Currency);

    private int IndexOf(Guid productId)
    {
        for (var i = 0; i < Lineup.Count; i++)
        {
            if (Lineup[i] == productId)
            {
                return i;
            }
        }

        return -1;
    }

    private (Guid Id, string Name, string? ImageUrl) Describe(Guid productId) =>
        Products?.FirstOrDefault(p => p.Id == productId) is { } product ? (product.Id, product.Name, product.ImageUrl)
        : BrandProducts.FirstOrDefault(p => p.ProductId == productId) is { } opened ? (opened.ProductId, T["{0} ({1})", opened.Name, opened.BrandName].Value, opened.PhotoUrl)
        : Current.FirstOrDefault(l => l.ProductId == productId) is { } item ? (item.ProductId, item.Name, item.ImageUrl)
        : (productId, T["Unknown product"].Value, null);

    private Task ToggleAsync(Guid productId)
    {
        var lineup = Lineup.ToList();
        if (!lineup.Remove(productId))
        {
            lineup.Add(productId);
        }

        return LineupChanged.InvokeAsync(lineup);
    }

    private Task MoveAsync(int from, int to)
    {
        if (from < 0 || to < 0 || from >= Lineup.Count || to >= Lineup.Count || from == to)
        {
            return Task.CompletedTask;
        }

        var lineup = Lineup.ToList();
        var moved = lineup[from];
        lineup.RemoveAt(from);
        lineup.Insert(to, moved);
        return LineupChanged.InvokeAsync(lineup);
    }

    /// <summary>The product's price in the show's currency: its main price there, or its extra price in that currency.</summary>
    private string PriceText(ShopProductDto product) =>
        product.Currency != Currency && product.Prices?.FirstOrDefault(p => p.Currency == Currency) is { } extra
            ? Money.Format(extra.Price, extra.Currency)
            : Money.Format(product.Price, product.Currency);
}
