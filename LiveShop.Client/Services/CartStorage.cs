using System.Text.Json;
using LiveShop.Client.State;
using Microsoft.JSInterop;

namespace LiveShop.Client.Services;

/// <summary>
/// Keeps a show's cart in the browser's <c>localStorage</c> (<c>liveshop.cart.{showId}</c>), so it
/// survives the full reload that signing in or continuing as a guest ends with. Only product (and variant) ids and
/// quantities are kept: names, pictures and prices come from the show's lineup when the cart is read
/// back (<see cref="CartState.Restore"/>). Use only once the page is interactive, never while
/// prerendering. Storage that fails (disabled, full, a value someone else wrote) is treated as an
/// empty cart: it never breaks the page.
/// </summary>
public sealed class CartStorage(IJSRuntime js)
{
    private readonly Dictionary<Guid, string?> _written = [];

    public static string KeyFor(Guid showId) => $"liveshop.cart.{showId}";

    /// <summary>The lines kept for the show; none when nothing (usable) is kept.</summary>
    public async Task<IReadOnlyList<SavedCartLine>> ReadAsync(Guid showId)
    {
        string? stored;
        try
        {
            stored = await js.InvokeAsync<string?>("localStorage.getItem", KeyFor(showId));
        }
        catch (Exception e) when (e is JSException or JsonException or JSDisconnectedException or InvalidOperationException)
        {
            return [];
        }

        var lines = Parse(stored);
        _written[showId] = lines.Count == 0 ? null : Serialize(lines);
        return lines;
    }

    /// <summary>
    /// Keeps the cart's lines for its show (an empty cart removes the entry). Writes only what changed. A "+1" claim's
    /// line is not kept: its price and hold are the claim's, and the reloaded page shows the claim's card again to pay it.
    /// </summary>
    public async Task WriteAsync(Guid showId, IReadOnlyList<CartLine> lines)
    {
        SavedCartLine[] kept = [.. lines.Where(l => l.ClaimId is null).Select(l => new SavedCartLine(l.ProductId, l.Quantity, l.VariantId))];
        var value = kept.Length == 0 ? null : Serialize(kept);
        if (_written.TryGetValue(showId, out var written) && written == value)
        {
            return;
        }

        _written[showId] = value;
        try
        {
            if (value is null)
            {
                await js.InvokeVoidAsync("localStorage.removeItem", KeyFor(showId));
            }
            else
            {
                await js.InvokeVoidAsync("localStorage.setItem", KeyFor(showId), value);
            }
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException)
        {
            // Storage full or disabled: the cart still works in this page, it just will not survive a reload.
            _written.Remove(showId);
        }
    }

    /// <summary><c>{"lines":[{"productId":"…","quantity":2,"variantId":"…"}]}</c> (<c>variantId</c> only for a product with variants).</summary>
    public static string Serialize(IReadOnlyList<SavedCartLine> lines)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("lines");
            foreach (var line in lines)
            {
                json.WriteStartObject();
                json.WriteString("productId", line.ProductId);
                json.WriteNumber("quantity", line.Quantity);
                if (line.VariantId is { } variantId)
                {
                    json.WriteString("variantId", variantId);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The lines in a kept value; lines that are not a product id with a whole quantity are skipped, and anything else is no lines.</summary>
    public static IReadOnlyList<SavedCartLine> Parse(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(stored);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("lines", out var lines)
                || lines.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var result = new List<SavedCartLine>();
            foreach (var line in lines.EnumerateArray())
            {
                if (line.ValueKind == JsonValueKind.Object
                    && line.TryGetProperty("productId", out var id) && id.ValueKind == JsonValueKind.String && id.TryGetGuid(out var productId)
                    && line.TryGetProperty("quantity", out var quantity) && quantity.ValueKind == JsonValueKind.Number && quantity.TryGetInt64(out var units))
                {
                    Guid? variantId = line.TryGetProperty("variantId", out var variant) && variant.ValueKind == JsonValueKind.String && variant.TryGetGuid(out var vid)
                        ? vid
                        : null;
                    result.Add(new SavedCartLine(productId, (int)Math.Clamp(units, int.MinValue, int.MaxValue), variantId));
                }
            }

            return result;
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
