using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>The stored sizes of one uploaded photo (see Features/Media): its image id and the URL of each size.</summary>
public sealed record PhotoSizes(string ImageId, string ThumbUrl, string MediumUrl, string LargeUrl, int Width, int Height)
{
    /// <summary>The sizes of a photo the upload pipeline just stored.</summary>
    public static PhotoSizes From(Media.StoredImage stored) => new(stored.Id, stored.ThumbUrl, stored.MediumUrl, stored.LargeUrl, stored.Width, stored.Height);
}

/// <summary>One photo of a product, at a position (0 is the cover).</summary>
public sealed class ProductPhoto
{
    private ProductPhoto()
    {
    }

    internal ProductPhoto(Guid id, Guid productId, PhotoSizes image, int position, DateTimeOffset addedAt)
    {
        Id = id;
        ProductId = productId;
        ImageId = image.ImageId;
        ThumbUrl = image.ThumbUrl;
        MediumUrl = image.MediumUrl;
        LargeUrl = image.LargeUrl;
        Width = image.Width;
        Height = image.Height;
        Position = position;
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    /// <summary>The image's id in the image store (to delete its files with the photo).</summary>
    public string ImageId { get; private set; } = "";

    public string ThumbUrl { get; private set; } = "";

    public string MediumUrl { get; private set; } = "";

    public string LargeUrl { get; private set; } = "";

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int Position { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    internal void MoveTo(int position) => Position = position;

    public ProductPhotoDto ToDto() => new(Id, ThumbUrl, MediumUrl, LargeUrl, Width, Height);
}
