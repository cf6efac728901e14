using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Media;
using LiveShop.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;

namespace LiveShop.Server.Tests.Features.Media;

public sealed class StoreImageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "liveshop-tests", "images-" + Guid.NewGuid().ToString("N"));
    private readonly FileSystemImageStore _store;
    private readonly StoreImage _images;

    public StoreImageTests()
    {
        _store = new FileSystemImageStore(_folder);
        _images = new StoreImage(_store, new ImageProcessor(), NullLogger<StoreImage>.Instance);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private int StoredFiles => Directory.Exists(_folder) ? Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Count() : 0;

    [Fact]
    public async Task StoreAsync_Photo_ThreeWebpRenditionsUnderANewId()
    {
        var upload = TestImages.Encode(SKEncodedImageFormat.Jpeg, 2400, 1200);

        var stored = await _images.StoreAsync(new MemoryStream(upload), CancellationToken.None);
        var again = await _images.StoreAsync(new MemoryStream(upload), CancellationToken.None);

        Assert.Matches("^[0-9a-f]{32}$", stored.Id);
        Assert.NotEqual(stored.Id, again.Id);
        Assert.Equal((1600, 800), (stored.Width, stored.Height));
        Assert.Equal($"/media/images/{stored.Id}/large.webp", stored.LargeUrl);
        Assert.Equal($"/media/images/{stored.Id}/medium.webp", stored.MediumUrl);
        Assert.Equal($"/media/images/{stored.Id}/thumb.webp", stored.ThumbUrl);
        foreach (var (size, width) in new[] { (ImageSize.Large, 1600), (ImageSize.Medium, 800), (ImageSize.Thumb, 320) })
        {
            await using var file = await _store.OpenAsync(ImageKeys.Key(stored.Id, size), CancellationToken.None);
            Assert.NotNull(file);
            Assert.Equal("image/webp", file.ContentType);
            using var picture = SKBitmap.Decode(file.Content);
            Assert.Equal(width, picture.Width);
        }
    }

    [Fact]
    public async Task StoreAsync_StreamOverTheLimit_TooLargeAfterReadingNoMoreThanTheLimit()
    {
        var upload = new CountingStream(totalBytes: 20 * 1024 * 1024);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => _images.StoreAsync(upload, CancellationToken.None));

        Assert.Equal(ProblemCodes.ImageTooLarge, refusal.Code);
        Assert.Equal(413, refusal.StatusCode);
        Assert.InRange(upload.BytesRead, Limits.ImageMaxBytes, Limits.ImageMaxBytes + (128 * 1024));
        Assert.Equal(0, StoredFiles);
    }

    [Fact]
    public async Task StoreAsync_ExactlyTheLimit_IsNotRefusedForSize()
    {
        // A real JPEG padded with trailing bytes to exactly 10 MB: whatever the decoder says, it is not "too large".
        var jpeg = TestImages.Encode(SKEncodedImageFormat.Jpeg, 64, 64);
        var upload = new byte[Limits.ImageMaxBytes];
        jpeg.CopyTo(upload, 0);

        var stored = await _images.StoreAsync(new MemoryStream(upload), CancellationToken.None);

        Assert.Equal((64, 64), (stored.Width, stored.Height));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("bomb")]
    public async Task StoreAsync_Refused_NothingStored(string kind)
    {
        var upload = kind == "text" ? "just text"u8.ToArray() : TestImages.PngBomb(50_000, 50_000, completePixels: false);

        await Assert.ThrowsAsync<DomainException>(() => _images.StoreAsync(new MemoryStream(upload), CancellationToken.None));

        Assert.Equal(0, StoredFiles);
    }

    [Fact]
    public async Task DeleteAsync_StoredImage_EveryRenditionGone()
    {
        var stored = await _images.StoreAsync(new MemoryStream(TestImages.Encode(SKEncodedImageFormat.Png, 100, 100)), CancellationToken.None);
        Assert.Equal(3, StoredFiles);

        await _images.DeleteAsync(stored.Id, CancellationToken.None);

        Assert.Equal(0, StoredFiles);
        Assert.Null(await _store.OpenAsync(ImageKeys.Key(stored.Id, ImageSize.Thumb), CancellationToken.None));
    }

    [Theory]
    [InlineData("../secret.webp")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../outside.webp")]
    [InlineData("..")]
    [InlineData(".hidden.webp")]
    [InlineData("a\\..\\..\\x.webp")]
    [InlineData("")]
    public async Task OpenAsync_KeyLeavingTheFolder_NotFound(string key)
    {
        // A file that a traversal would reach, right outside the store's folder.
        Directory.CreateDirectory(_folder);
        var outside = Path.Combine(Path.GetDirectoryName(_folder)!, "secret.webp");
        await File.WriteAllTextAsync(outside, "secret");
        try
        {
            Assert.Null(await _store.OpenAsync(key, CancellationToken.None));
            await Assert.ThrowsAsync<ArgumentException>(() => _store.SaveAsync(key, new MemoryStream([1]), "image/webp", CancellationToken.None));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    /// <summary>A non-seekable upload of zeros after a JPEG signature, with no length: only counting can stop it.</summary>
    private sealed class CountingStream(long totalBytes) : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, totalBytes - BytesRead);
            Array.Clear(buffer, offset, n);
            if (BytesRead == 0 && n >= 3)
            {
                buffer[offset] = 0xFF;
                buffer[offset + 1] = 0xD8;
                buffer[offset + 2] = 0xFF;
            }

            BytesRead += n;
            return n;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
