using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace LiveShop.Server.Features.Media;

/// <summary>The renditions made of every photo, by their longest side.</summary>
public enum ImageSize
{
    /// <summary>1600 px: the product page and the full-screen photo.</summary>
    Large,
    /// <summary>800 px: cards and the product sheet.</summary>
    Medium,
    /// <summary>320 px: lists, the lineup and the cart.</summary>
    Thumb,
}

/// <summary>
/// Ids, store keys and URLs of stored images. An id is 128 random bits in lowercase hex, so a URL
/// names one immutable file forever; the key of a rendition is <c>{id}/{size}.webp</c> and its URL
/// <c>/media/images/{id}/{size}.webp</c>.
/// </summary>
public static partial class ImageKeys
{
    public const string RoutePrefix = "/media/images";

    public const string Extension = ".webp";

    public const string ContentType = "image/webp";

    public static IReadOnlyList<ImageSize> Sizes { get; } = Enum.GetValues<ImageSize>();

    public static int LongestSide(ImageSize size) => size switch
    {
        ImageSize.Large => 1600,
        ImageSize.Medium => 800,
        ImageSize.Thumb => 320,
    };

    public static string Name(ImageSize size) => size switch
    {
        ImageSize.Large => "large",
        ImageSize.Medium => "medium",
        ImageSize.Thumb => "thumb",
    };

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static string Key(string id, ImageSize size) => $"{id}/{Name(size)}{Extension}";

    /// <summary>Where a rendition is served; what a page puts in <c>src</c>.</summary>
    public static string Url(string id, ImageSize size) => $"{RoutePrefix}/{Key(id, size)}";

    /// <summary>The store key for a requested <c>{id}</c> and <c>{file}</c> (e.g. <c>medium.webp</c>), only when both are ours.</summary>
    public static bool TryParse(string? id, string? file, [NotNullWhen(true)] out string? key, out ImageSize size)
    {
        key = null;
        size = default;
        if (!IsId(id) || file is null)
        {
            return false;
        }

        foreach (var candidate in Sizes)
        {
            if (string.Equals(file, Name(candidate) + Extension, StringComparison.Ordinal))
            {
                size = candidate;
                key = Key(id!, candidate);
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>
/// A stored photo: its id (what a product or show keeps) and the size and URL of each rendition.
/// <see cref="Width"/> × <see cref="Height"/> is the large rendition, upright; every rendition has its
/// aspect ratio, so pages can reserve the space before the file arrives.
/// </summary>
public sealed record StoredImage(string Id, int Width, int Height, string LargeUrl, string MediumUrl, string ThumbUrl)
{
    public static StoredImage For(string id, int width, int height) =>
        new(id, width, height, ImageKeys.Url(id, ImageSize.Large), ImageKeys.Url(id, ImageSize.Medium), ImageKeys.Url(id, ImageSize.Thumb));
}
