namespace LiveShop.Server.Features.Media;

/// <summary>
/// Where image files live: the data folder by default (<see cref="FileSystemImageStore"/>), a blob
/// store later. Keys are made by <see cref="ImageKeys"/> (<c>{id}/{size}.webp</c>), never from user
/// input; a store still refuses a key that could leave its root, and answers <c>null</c> for it on read.
/// A key is written once and never changed, which is what lets the files be cached forever.
/// </summary>
public interface IImageStore
{
    /// <summary>Writes <paramref name="content"/> under <paramref name="key"/>; readers never see a half-written file.</summary>
    Task SaveAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>The file under <paramref name="key"/>, or <c>null</c> when there is none or the key is malformed. The caller disposes it.</summary>
    Task<StoredImageFile?> OpenAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the file under <paramref name="key"/>; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>An open stored file: its bytes, their content type and length.</summary>
public sealed record StoredImageFile(Stream Content, string ContentType, long Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
