using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using SkiaSharp;

namespace LiveShop.Server.Features.Media;

/// <summary>One rendition of a processed photo: WebP bytes, upright, with no metadata.</summary>
public sealed record ImageRendition(ImageSize Size, int Width, int Height, byte[] Webp);

/// <summary>
/// Turns uploaded bytes into the renditions pages show. In order: the format is sniffed from the
/// magic bytes (JPEG, PNG or WebP only); the header's dimensions are read and checked against
/// <see cref="Limits.ImageMaxPixels"/> and <see cref="Limits.ImageMaxSide"/> before any pixel is
/// decoded (a decompression bomb is a small file that claims a huge bitmap); the pixels are decoded
/// into sRGB (a JPEG at the smallest scale its decoder offers that still covers the large rendition);
/// the EXIF orientation is applied; each size is drawn (longest side, never upscaled) and encoded as
/// WebP from the pixels alone, so EXIF (location included), XMP and ICC profiles are left behind.
/// Refusals are <see cref="DomainException"/>s with the <c>image-*</c> codes.
/// </summary>
public sealed class ImageProcessor
{
    /// <summary>WebP quality (0–100): photos look the same as the upload at this size on a phone.</summary>
    public const int WebpQuality = 80;

    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    public IReadOnlyList<ImageRendition> Process(ReadOnlySpan<byte> upload)
    {
        var sniffed = Sniff(upload) ?? throw NotAnImage();

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data) ?? throw Damaged();
        if (codec.EncodedFormat != sniffed)
        {
            throw NotAnImage();
        }

        // Only the header has been read so far: refuse a bomb before allocating anything for its pixels.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            throw Damaged();
        }

        if (width > Limits.ImageMaxSide || height > Limits.ImageMaxSide || (long)width * height > Limits.ImageMaxPixels)
        {
            throw TooManyPixels(width, height);
        }

        var origin = codec.EncodedOrigin;
        var transposed = SwapsSides(origin);
        var (uprightWidth, uprightHeight) = transposed ? (height, width) : (width, height);

        using var decoded = Decode(codec, Math.Min(ImageKeys.LongestSide(ImageSize.Large), Math.Max(width, height)));
        using var decodedImage = SKImage.FromBitmap(decoded);

        var renditions = new List<ImageRendition>(ImageKeys.Sizes.Count);
        SKBitmap? previous = null;
        try
        {
            foreach (var size in ImageKeys.Sizes)
            {
                var (targetWidth, targetHeight) = Fit(uprightWidth, uprightHeight, ImageKeys.LongestSide(size));
                var target = new SKBitmap(new SKImageInfo(targetWidth, targetHeight, SKImageInfo.PlatformColorType, decoded.AlphaType, SKColorSpace.CreateSrgb()));
                using (var canvas = new SKCanvas(target))
                {
                    canvas.Clear(SKColors.Transparent);
                    if (previous is null)
                    {
                        // The first (largest) rendition: from the decoded pixels, turned upright.
                        var (decodedUprightWidth, decodedUprightHeight) = transposed ? (decoded.Height, decoded.Width) : (decoded.Width, decoded.Height);
                        canvas.Scale(targetWidth / (float)decodedUprightWidth, targetHeight / (float)decodedUprightHeight);
                        var orient = Orientation(origin, decoded.Width, decoded.Height);
                        canvas.Concat(in orient);
                        canvas.DrawImage(decodedImage, 0, 0, Sampling);
                    }
                    else
                    {
                        // Smaller ones from the one before: already upright, and fewer pixels to read.
                        using var source = SKImage.FromBitmap(previous);
                        canvas.DrawImage(source, new SKRect(0, 0, targetWidth, targetHeight), Sampling);
                    }
                }

                renditions.Add(new ImageRendition(size, targetWidth, targetHeight, Encode(target)));
                previous?.Dispose();
                previous = target;
            }
        }
        finally
        {
            previous?.Dispose();
        }

        return renditions;
    }

    /// <summary>The format the magic bytes announce, if it is one we take.</summary>
    internal static SKEncodedImageFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xFF, 0xD8, 0xFF, ..])
        {
            return SKEncodedImageFormat.Jpeg;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SKEncodedImageFormat.Png;
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return SKEncodedImageFormat.Webp;
        }

        return null;
    }

    /// <summary>(width, height) with the longest side at most <paramref name="longest"/>, never larger than the source.</summary>
    internal static (int Width, int Height) Fit(int width, int height, int longest)
    {
        var side = Math.Max(width, height);
        if (side <= longest)
        {
            return (width, height);
        }

        var scale = longest / (double)side;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>
    /// Decodes every pixel (a damaged or truncated file is refused, not shown half grey), at a reduced
    /// scale when the decoder offers one whose longest side still covers <paramref name="neededLongestSide"/>.
    /// </summary>
    private static SKBitmap Decode(SKCodec codec, int neededLongestSide)
    {
        var full = codec.Info;
        var dimensions = new SKSizeI(full.Width, full.Height);
        var scaled = codec.GetScaledDimensions(neededLongestSide / (float)Math.Max(full.Width, full.Height));
        if (scaled.Width > 0 && scaled.Height > 0 && Math.Max(scaled.Width, scaled.Height) >= neededLongestSide
            && (long)scaled.Width * scaled.Height < (long)full.Width * full.Height)
        {
            dimensions = scaled;
        }

        var alpha = full.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var info = new SKImageInfo(dimensions.Width, dimensions.Height, SKImageInfo.PlatformColorType, alpha, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(info))
        {
            bitmap.Dispose();
            throw new InsufficientMemoryException($"Could not allocate {info.Width}x{info.Height} pixels for an upload.");
        }

        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw Damaged();
        }

        return bitmap;
    }

    /// <summary>The matrix that draws a (<paramref name="width"/> × <paramref name="height"/>) bitmap stored with this EXIF origin upright.</summary>
    internal static SKMatrix Orientation(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    private static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    private static byte[] Encode(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        using var webp = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, WebpQuality))
            ?? throw new InvalidOperationException("The WebP encoder produced nothing.");
        return webp.ToArray();
    }

    internal static DomainException NotAnImage() =>
        DomainException.Invalid(ProblemCodes.ImageInvalid, "That file is not a JPEG, PNG or WebP image.");

    private static DomainException Damaged() =>
        DomainException.Invalid(ProblemCodes.ImageInvalid, "That image is damaged or incomplete and could not be read. Export or save it again and retry.");

    private static DomainException TooManyPixels(int width, int height) =>
        DomainException.Invalid(ProblemCodes.ImageTooManyPixels,
            "That image is {0:N0} × {1:N0} pixels; a photo can have at most {2} megapixels and {3:N0} pixels on a side.", width, height, Limits.ImageMaxPixels / 1_000_000, Limits.ImageMaxSide);
}
