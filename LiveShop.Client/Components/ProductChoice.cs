using LiveShop.Shared.Shows;

namespace LiveShop.Client.Components;

/// <summary>What the buyer tapped Buy or Add to cart on: a lineup product and, for one with variants, the variant chosen.</summary>
public sealed record ProductChoice(LineupItemDto Item, Guid? VariantId = null);
