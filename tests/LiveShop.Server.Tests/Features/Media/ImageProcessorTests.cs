using System.Diagnostics;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Media;
using LiveShop.Shared;
using SkiaSharp;

namespace LiveShop.Server.Tests.Features.Media;

public class ImageProcessorTests
{
    private readonly ImageProcessor _processor = new();

    private static DomainException Refusal(Action act) => Assert.Throws<DomainException>(act);

    [Fact]
    public void Process_PhoneJpegWithGpsAndOrientation6_UprightWebpWithoutExif()
    {
        // Stored sideways as a phone does: 200×100, left half red; orientation 6 means "turn 90° clockwise".
        var upload = TestImages.WithExif(TestImages.Encode(SKEncodedImageFormat.Jpeg, 200, 100), orientation: 6);
        using (var codec = SKCodec.Create(new MemoryStream(upload)))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
        }

        Assert.True(TestImages.Contains(upload, TestImages.GpsSecondsRational));

        var renditions = _processor.Process(upload);

        Assert.Equal(ImageKeys.Sizes, renditions.Select(r => r.Size));
        foreach (var rendition in renditions)
        {
            Assert.True(rendition.Webp.AsSpan(8, 4).SequenceEqual("WEBP"u8), "A WebP file.");
            Assert.False(TestImages.ContainsIgnoreCase(rendition.Webp, "Exif"), "No EXIF chunk.");
            Assert.False(TestImages.Contains(rendition.Webp, TestImages.GpsSecondsRational), "No GPS coordinates.");
        }

        var large = renditions[0];
        Assert.Equal((100, 200), (large.Width, large.Height));
        using var picture = TestImages.Decode(large.Webp);
        Assert.Equal((100, 200), (picture.Width, picture.Height));
        Assert.True(TestImages.IsRed(picture.GetPixel(50, 30)), $"The top is red: {picture.GetPixel(50, 30)}");
        Assert.True(TestImages.IsBlue(picture.GetPixel(50, 170)), $"The bottom is blue: {picture.GetPixel(50, 170)}");
    }

    [Theory]
    [InlineData(3, 200, 100)] // upside down: the red half ends up on the right
    [InlineData(8, 100, 200)] // turned 90° counter-clockwise: the red half ends up at the bottom
    public void Process_OtherOrientations_Upright(ushort orientation, int width, int height)
    {
        var upload = TestImages.WithExif(TestImages.Encode(SKEncodedImageFormat.Jpeg, 200, 100), orientation);

        using var picture = TestImages.Decode(_processor.Process(upload)[0].Webp);

        Assert.Equal((width, height), (picture.Width, picture.Height));
        var (redX, redY) = orientation == 3 ? (170, 50) : (50, 170);
        Assert.True(TestImages.IsRed(picture.GetPixel(redX, redY)), $"Red at ({redX},{redY}): {picture.GetPixel(redX, redY)}");
    }

    [Fact]
    public void Process_PngWithAlpha_KeepsTransparency()
    {
        var upload = TestImages.Encode(SKEncodedImageFormat.Png, 400, 200, transparentCorner: true);

        var renditions = _processor.Process(upload);

        using var picture = TestImages.Decode(renditions[0].Webp);
        Assert.Equal((400, 200), (picture.Width, picture.Height));
        Assert.Equal(0, picture.GetPixel(20, 20).Alpha);
        Assert.Equal(255, picture.GetPixel(150, 150).Alpha);
        Assert.True(TestImages.IsRed(picture.GetPixel(150, 150)));
        Assert.True(TestImages.IsBlue(picture.GetPixel(350, 100)));
    }

    [Fact]
    public void Process_Webp_Resized()
    {
        var upload = TestImages.Encode(SKEncodedImageFormat.Webp, 2000, 1000);

        var renditions = _processor.Process(upload);

        Assert.Equal([(1600, 800), (800, 400), (320, 160)], renditions.Select(r => (r.Width, r.Height)));
        foreach (var rendition in renditions)
        {
            using var picture = TestImages.Decode(rendition.Webp);
            Assert.Equal((rendition.Width, rendition.Height), (picture.Width, picture.Height));
            Assert.True(TestImages.IsRed(picture.GetPixel(rendition.Width / 4, rendition.Height / 2)));
            Assert.True(TestImages.IsBlue(picture.GetPixel(rendition.Width * 3 / 4, rendition.Height / 2)));
        }
    }

    [Fact]
    public void Process_LargeJpeg_LongestSidesAreTheSizes()
    {
        var upload = TestImages.Encode(SKEncodedImageFormat.Jpeg, 3000, 4000);

        var renditions = _processor.Process(upload);

        Assert.Equal([(1200, 1600), (600, 800), (240, 320)], renditions.Select(r => (r.Width, r.Height)));
    }

    [Fact]
    public void Process_SmallImage_NeverUpscaled()
    {
        var upload = TestImages.Encode(SKEncodedImageFormat.Png, 500, 300);

        var renditions = _processor.Process(upload);

        Assert.Equal([(500, 300), (500, 300), (320, 192)], renditions.Select(r => (r.Width, r.Height)));
        using var large = TestImages.Decode(renditions[0].Webp);
        Assert.Equal((500, 300), (large.Width, large.Height));
    }

    [Theory]
    [InlineData("This is a text file renamed photo.jpg\n")]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000")]
    [InlineData("")]
    public void Process_NotAnImage_ImageInvalid(string content)
    {
        var refusal = Refusal(() => _processor.Process(System.Text.Encoding.UTF8.GetBytes(content)));

        Assert.Equal(ProblemCodes.ImageInvalid, refusal.Code);
        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal("That file is not a JPEG, PNG or WebP image.", refusal.Message);
    }

    [Fact]
    public void Process_JpegMagicThenGarbage_ImageInvalid()
    {
        byte[] upload = [0xFF, 0xD8, 0xFF, .. System.Text.Encoding.ASCII.GetBytes("not really a jpeg at all, just text after the magic")];

        Assert.Equal(ProblemCodes.ImageInvalid, Refusal(() => _processor.Process(upload)).Code);
    }

    [Fact]
    public void Process_TruncatedJpeg_ImageInvalid()
    {
        var whole = TestImages.NoisyJpeg(400, 300);
        Assert.NotEmpty(_processor.Process(whole));

        var refusal = Refusal(() => _processor.Process(whole.AsSpan(0, whole.Length * 6 / 10)));

        Assert.Equal(ProblemCodes.ImageInvalid, refusal.Code);
        Assert.Contains("damaged or incomplete", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_HeaderClaims50000x50000_TooManyPixels()
    {
        var bomb = TestImages.PngBomb(50_000, 50_000, completePixels: false);

        var refusal = Refusal(() => _processor.Process(bomb));

        // Decoding would have failed on the missing data (image-invalid): this was refused from the header alone.
        Assert.Equal(ProblemCodes.ImageTooManyPixels, refusal.Code);
        Assert.Contains("50,000 × 50,000", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_64Megapixels_TooManyPixelsThoughNoSideIsOver10000()
    {
        var refusal = Refusal(() => _processor.Process(TestImages.PngBomb(8_000, 8_000, completePixels: true)));

        Assert.Equal(ProblemCodes.ImageTooManyPixels, refusal.Code);
    }

    [Fact]
    public void Process_ValidDecompressionBomb_RefusedWithoutDecoding()
    {
        // 1.6 GB as RGBA. (Checked by moving the pixel check after decoding: the peak then rose 3.2 GB.)
        const int width = 20_000, height = 20_000;
        var bomb = TestImages.PngBomb(width, height, completePixels: true);
        Assert.True(bomb.Length < 200_000, $"A small file ({bomb.Length} bytes).");
        using (var codec = SKCodec.Create(new MemoryStream(bomb)))
        {
            Assert.Equal((width, height), (codec.Info.Width, codec.Info.Height));
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var seenBefore = Math.Max(process.WorkingSet64, process.PeakWorkingSet64);

        var refusal = Refusal(() => _processor.Process(bomb));

        Assert.Equal(ProblemCodes.ImageTooManyPixels, refusal.Code);

        // Decoding would have written width × height × 4 bytes; the process's peak memory did not rise by a quarter of that.
        process.Refresh();
        var bitmapBytes = (long)width * height * 4;
        var rise = process.PeakWorkingSet64 - seenBefore;
        Assert.True(rise < bitmapBytes / 4, $"No bitmap was allocated (the peak rose {rise / 1_000_000} MB).");
    }
}
