using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveShop.Server.Features.Media;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace LiveShop.Server.Tests.Features.Media;

public class MediaEndpointsTests(MediaFactory factory) : IClassFixture<MediaFactory>
{
    private async Task<StoredImage> StoreAsync(byte[] upload) =>
        await factory.Services.GetRequiredService<StoreImage>().StoreAsync(new MemoryStream(upload), CancellationToken.None);

    private int StoredFiles => Directory.Exists(factory.ImagesFolder) ? Directory.EnumerateFiles(factory.ImagesFolder, "*", SearchOption.AllDirectories).Count() : 0;

    /// <summary>A form whose file part has no known length, so the request goes out chunked.</summary>
    private static MultipartFormDataContent ChunkedForm(byte[] bytes)
    {
        var file = new StreamContent(new UnseekableStream(bytes));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "photo", "photo.jpg" } };
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }

    internal static MultipartFormDataContent Form(byte[] bytes, string fileName = "photo.jpg", string contentType = "image/jpeg")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "photo", fileName } };
    }

    [Fact]
    public async Task GetImage_Stored_WebpWithImmutableCacheAndNosniff()
    {
        var stored = await StoreAsync(TestImages.Encode(SKEncodedImageFormat.Png, 1000, 500));
        var http = factory.NewBrowser();

        foreach (var (url, width) in new[] { (stored.LargeUrl, 1000), (stored.MediumUrl, 800), (stored.ThumbUrl, 320) })
        {
            var response = await http.GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.NotNull(response.Headers.ETag);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            using var picture = SKBitmap.Decode(bytes);
            Assert.Equal(width, picture.Width);
        }
    }

    [Fact]
    public async Task GetImage_SameETagAgain_NotModified()
    {
        var stored = await StoreAsync(TestImages.Encode(SKEncodedImageFormat.Jpeg, 300, 300));
        var http = factory.NewBrowser();
        var first = await http.GetAsync(stored.ThumbUrl);

        using var again = new HttpRequestMessage(HttpMethod.Get, stored.ThumbUrl);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/media/images/0123456789abcdef0123456789abcdef/large.webp")] // well formed, never stored
    [InlineData("/media/images/0123456789abcdef0123456789abcdef/huge.webp")]
    [InlineData("/media/images/not-an-id/large.webp")]
    [InlineData("/media/images/0123456789ABCDEF0123456789ABCDEF/large.webp")]
    public async Task GetImage_Unknown_NotFound(string url)
    {
        var response = await factory.NewBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("image/webp", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/media/images/..%2F..%2Fkeys/large.webp")]
    [InlineData("/media/images/%2E%2E/..%2Fliveshop.db")]
    [InlineData("/media/images/{0}/..%2F..%2F..%2Fliveshop.db")]
    [InlineData("/media/images/{0}/%2E%2E%2Fthumb.webp")]
    [InlineData("/media/images/{0}%2Flarge.webp/x")]
    public async Task GetImage_PathTraversal_NotFound(string template)
    {
        // A real image exists, and the database sits two folders above it: neither is reachable by a crafted path.
        var stored = await StoreAsync(TestImages.Encode(SKEncodedImageFormat.Png, 50, 50));
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = factory.BaseAddress };
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, stored.Id);

        var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(factory.BaseAddress, new Uri(url, UriKind.Relative))));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("image/webp", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Upload_Photo_StoredAndServed()
    {
        var upload = TestImages.WithExif(TestImages.Encode(SKEncodedImageFormat.Jpeg, 1200, 600), orientation: 6);

        var response = await factory.NewBrowser().PostAsync(MediaFactory.UploadPath, Form(upload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await response.Content.ReadFromJsonAsync<StoredImage>())!;
        Assert.Equal((600, 1200), (stored.Width, stored.Height));
        var served = await factory.NewBrowser().GetByteArrayAsync(stored.MediumUrl);
        using var picture = SKBitmap.Decode(served);
        Assert.Equal((400, 800), (picture.Width, picture.Height));
        Assert.False(TestImages.Contains(served, TestImages.GpsSecondsRational));
    }

    [Fact]
    public async Task Upload_TextRenamedJpg_400ImageInvalid()
    {
        var browser = factory.NewBrowser();
        var before = StoredFiles;

        var response = await browser.PostAsync(MediaFactory.UploadPath, Form("I am not a photo"u8.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.ImageInvalid, problem.Code);
        Assert.Equal("That file is not a JPEG, PNG or WebP image.", problem.Detail);
        Assert.Equal(before, StoredFiles);
    }

    [Fact]
    public async Task Upload_DecompressionBomb_400TooManyPixels()
    {
        var response = await factory.NewBrowser().PostAsync(MediaFactory.UploadPath, Form(TestImages.PngBomb(20_000, 20_000, completePixels: true), "bomb.png", "image/png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemCodes.ImageTooManyPixels, (await Problem.ReadAsync(response)).Code);
    }

    [Theory]
    [InlineData(20 * 1024 * 1024, false)] // Content-Length over the request limit: refused before the form is read
    [InlineData(20 * 1024 * 1024, true)] // chunked, no length: the multipart limit cuts it
    [InlineData((10 * 1024 * 1024) + (512 * 1024), false)] // within the request limit, over the photo limit: StoreImage refuses
    public async Task Upload_OverTenMegabytes_413ImageTooLarge(int bytes, bool chunked)
    {
        await AssertTooLargeAsync(factory, bytes, chunked);
    }

    internal static async Task AssertTooLargeAsync(MediaFactory factory, int bytes, bool chunked)
    {
        var upload = new byte[bytes];
        TestImages.Encode(SKEncodedImageFormat.Jpeg, 16, 16).CopyTo(upload, 0);
        var before = Directory.Exists(factory.ImagesFolder) ? Directory.EnumerateFiles(factory.ImagesFolder, "*", SearchOption.AllDirectories).Count() : 0;
        using var form = chunked ? ChunkedForm(upload) : Form(upload);

        var response = await factory.NewBrowser().PostAsync(MediaFactory.UploadPath, form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.ImageTooLarge, problem.Code);
        Assert.Equal(ProblemCodes.TypeBase + ProblemCodes.ImageTooLarge, problem.Type);
        Assert.Contains("10 MB", problem.Detail, StringComparison.Ordinal);
        var after = Directory.Exists(factory.ImagesFolder) ? Directory.EnumerateFiles(factory.ImagesFolder, "*", SearchOption.AllDirectories).Count() : 0;
        Assert.Equal(before, after);
    }
}

public class MediaEndpointsProductionTests(ProductionMediaFactory factory) : IClassFixture<ProductionMediaFactory>
{
    [Theory]
    [InlineData(20 * 1024 * 1024, false)]
    [InlineData(20 * 1024 * 1024, true)]
    [InlineData((10 * 1024 * 1024) + (512 * 1024), false)]
    public async Task Upload_OverTenMegabytes_413ImageTooLarge(int bytes, bool chunked)
    {
        await MediaEndpointsTests.AssertTooLargeAsync(factory, bytes, chunked);
    }
}
