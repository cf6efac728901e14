using System.Buffers;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;

namespace LiveShop.Server.Features.Media;

/// <summary>
/// Stores an uploaded photo: reads at most <see cref="Limits.ImageMaxBytes"/> (counting what is read,
/// whatever the request claimed), has <see cref="ImageProcessor"/> make the renditions, and writes them
/// under a new random id. Refusals (<c>image-invalid</c>, <c>image-too-large</c>,
/// <c>image-too-many-pixels</c>) are thrown before anything is written. What callers keep is the id;
/// <see cref="StoredImage.For"/> gives the URLs again from it.
/// </summary>
public sealed class StoreImage(IImageStore store, ImageProcessor processor, ILogger<StoreImage> logger)
{
    /// <summary>Photos processed at once: a 50-megapixel decode holds ~200 MB, so uploads queue rather than pile up in memory.</summary>
    public const int MaxConcurrentProcessing = 2;

    private readonly SemaphoreSlim _gate = new(MaxConcurrentProcessing, MaxConcurrentProcessing);

    /// <summary>Stores the photo in a multipart upload (see <see cref="ImageUploads.AcceptsImageUpload"/> for the endpoint).</summary>
    public async Task<StoredImage> StoreAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > Limits.ImageMaxBytes)
        {
            throw TooLarge();
        }

        await using var upload = file.OpenReadStream();
        return await StoreAsync(upload, cancellationToken);
    }

    public async Task<StoredImage> StoreAsync(Stream upload, CancellationToken cancellationToken)
    {
        var bytes = await ReadAtMostAsync(upload, Limits.ImageMaxBytes, cancellationToken);
        if (bytes.Length == 0)
        {
            throw ImageProcessor.NotAnImage();
        }

        IReadOnlyList<ImageRendition> renditions;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            renditions = processor.Process(bytes);
        }
        finally
        {
            _gate.Release();
        }

        var id = ImageKeys.NewId();
        try
        {
            foreach (var rendition in renditions)
            {
                using var content = new MemoryStream(rendition.Webp, writable: false);
                await store.SaveAsync(ImageKeys.Key(id, rendition.Size), content, ImageKeys.ContentType, cancellationToken);
            }
        }
        catch
        {
            // No half-stored photo: what was written of it goes again.
            await DeleteAsync(id, CancellationToken.None);
            throw;
        }

        var large = renditions[0];
        logger.LogInformation("Stored image {ImageId} ({Width}x{Height}, {Bytes} bytes uploaded)", id, large.Width, large.Height, bytes.Length);
        return StoredImage.For(id, large.Width, large.Height);
    }

    /// <summary>Removes every rendition of an image (a replaced product photo). An unknown id is ignored.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!ImageKeys.IsId(id))
        {
            return;
        }

        foreach (var size in ImageKeys.Sizes)
        {
            await store.DeleteAsync(ImageKeys.Key(id, size), cancellationToken);
        }
    }

    /// <summary>The whole stream, refused as soon as it passes <paramref name="maxBytes"/>: never more than that (plus one buffer) is read.</summary>
    internal static async Task<byte[]> ReadAtMostAsync(Stream upload, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await upload.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    internal static DomainException TooLarge() =>
        DomainException.TooLarge(ProblemCodes.ImageTooLarge, "A photo can be at most {0} MB; this one is larger. Export it smaller and retry.", Limits.ImageMaxBytes / (1024 * 1024));
}
