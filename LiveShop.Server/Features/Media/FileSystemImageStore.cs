using System.Text.RegularExpressions;

namespace LiveShop.Server.Features.Media;

/// <summary>
/// <see cref="IImageStore"/> on a folder (<c>Media:ImagesDirectory</c>, by default <c>images</c> in the
/// data folder). A key is one or more segments of <c>[a-z0-9._-]</c> that do not start with a dot; any
/// other key is refused on write and not found on read, so no key can reach outside the folder. The
/// content type follows the file's extension (a file system keeps no content type).
/// </summary>
public sealed partial class FileSystemImageStore(string rootDirectory) : IImageStore
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".webp"] = "image/webp",
        [".jpg"] = "image/jpeg",
        [".png"] = "image/png",
    };

    private readonly string _root = Path.GetFullPath(rootDirectory);

    public string RootDirectory => _root;

    public async Task SaveAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathFor(key) ?? throw new ArgumentException($"'{key}' is not a valid image key.", nameof(key));
        if (ContentTypeFor(path) != contentType)
        {
            throw new ArgumentException($"The key '{key}' does not name a {contentType} file.", nameof(contentType));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Written beside the target, then moved over it: a reader sees the whole file or none.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<StoredImageFile?> OpenAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (path is null || ContentTypeFor(path) is not { } contentType)
        {
            return Task.FromResult<StoredImageFile?>(null);
        }

        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, useAsync: true);
            return Task.FromResult<StoredImageFile?>(new StoredImageFile(file, contentType, file.Length));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return Task.FromResult<StoredImageFile?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key) ?? throw new ArgumentException($"'{key}' is not a valid image key.", nameof(key));
        File.Delete(path);
        var folder = Path.GetDirectoryName(path)!;
        if (folder != _root && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                // Another rendition was written meanwhile: the folder stays.
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The full path of a well-formed key inside the root, or <c>null</c>.</summary>
    private string? PathFor(string? key)
    {
        if (key is null || key.Length > 200 || !KeyPattern().IsMatch(key))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

    private static string? ContentTypeFor(string path) => ContentTypes.GetValueOrDefault(Path.GetExtension(path));

    [GeneratedRegex(@"^[a-z0-9_-][a-z0-9._-]*(/[a-z0-9_-][a-z0-9._-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
