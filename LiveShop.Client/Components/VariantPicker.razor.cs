using LiveShop.Client.State;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Components;

/// <summary>
/// Chooses a variant of a lineup product: one chip per value of each option. A value whose variants are
/// all sold out is disabled and says so; with several options, a value that is sold out with the other
/// values chosen stays tappable (it clears them) and is shown struck through. Tapping a chosen value
/// clears it. <see cref="SelectedChanged"/> says the variant the chosen values name (null until every
/// option has an in-stock value). Nothing is chosen for the buyer (see docs/decisions.md).
/// </summary>
public sealed partial class VariantPicker
{
    private string?[] _chosen = [];
    private Guid? _lastSelected;

    /// <summary>The product (with its variants' stock as the room last told).</summary>
    [Parameter, EditorRequired] public LineupItemDto Item { get; set; } = default!;

    /// <summary>The variant chosen now (null: none yet).</summary>
    [Parameter] public Guid? Selected { get; set; }

    /// <summary>Raised with the variant the chosen values name, or null when they name none in stock.</summary>
    [Parameter] public EventCallback<Guid?> SelectedChanged { get; set; }

    /// <summary>Smaller chips without option names (the pinned card over the video).</summary>
    [Parameter] public bool Compact { get; set; }

    private IReadOnlyList<string> Options => Item.Options is { Count: > 0 } options
        ? options
        : [.. Enumerable.Range(1, Item.Variants!.Max(v => v.Values.Count)).Select(i => T["Option {0}", i].Value)];

    protected override void OnParametersSet()
    {
        if (_chosen.Length != Options.Count)
        {
            _chosen = new string?[Options.Count];
        }

        if (Selected != _lastSelected)
        {
            _lastSelected = Selected;
            if (Item.VariantFor(Selected) is { } variant)
            {
                _chosen = [.. Enumerable.Range(0, Options.Count).Select(i => ValueAt(variant.Values, i))];
            }
        }

        // A chosen value that sold out meanwhile is no longer chosen.
        for (var i = 0; i < _chosen.Length; i++)
        {
            if (_chosen[i] is { } value && IsSoldOut(i, value))
            {
                // Chosen again from Selected if it comes back in stock.
                _chosen[i] = null;
                _lastSelected = null;
            }
        }
    }

    private IEnumerable<string> ValuesOf(int option) =>
        Item.Variants!.Select(v => ValueAt(v.Values, option)).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>Every variant with this value is sold out.</summary>
    private bool IsSoldOut(int option, string value) =>
        !Item.Variants!.Any(v => v.Stock > 0 && ValueAt(v.Values, option) == value);

    /// <summary>Some variant in stock has this value and the values chosen for the other options.</summary>
    private bool FitsChoice(int option, string value)
    {
        var choice = (string?[])_chosen.Clone();
        choice[option] = value;
        return InStock(choice);
    }

    private bool InStock(string?[] choice) =>
        Item.Variants!.Any(v => v.Stock > 0 && choice.Select((c, i) => c is null || ValueAt(v.Values, i) == c).All(fits => fits));

    private async Task ChooseAsync(int option, string value)
    {
        var next = (string?[])_chosen.Clone();
        next[option] = next[option] == value ? null : value;
        if (next[option] is not null && !InStock(next))
        {
            // Sold out with the other values: this value wins, the others are chosen again.
            next = new string?[next.Length];
            next[option] = value;
        }

        _chosen = next;
        var variant = next.All(c => c is not null)
            ? Item.Variants!.FirstOrDefault(v => v.Stock > 0 && next.Select((c, i) => ValueAt(v.Values, i) == c).All(fits => fits))
            : null;
        _lastSelected = variant?.Id;
        await SelectedChanged.InvokeAsync(variant?.Id);
    }

    private string OtherChoices(int option) => string.Join(" / ", _chosen.Where((c, i) => i != option && c is not null));

    private static string? ValueAt(IReadOnlyList<string> values, int index) => index < values.Count ? values[index] : null;

    private static string ChipClass(bool pressed, bool soldOut, bool unavailable) =>
        "ls-chip" + (pressed ? " is-selected" : "") + (soldOut ? " is-sold-out" : "") + (unavailable ? " is-unavailable" : "");

    private string ChipLabel(int index, string value, bool soldOut, bool unavailable) =>
        soldOut ? T["{0} {1}, sold out", Options[index], value]
        : unavailable ? T["{0} {1}, sold out with {2}", Options[index], value, OtherChoices(index)]
        : $"{Options[index]} {value}";
}
