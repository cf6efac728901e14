using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace LiveShop.Server.Tests.Features.Media;

/// <summary>Test photos made in code: encoded by SkiaSharp, EXIF and bombs written byte by byte.</summary>
internal static class TestImages
{
    /// <summary>Latitude seconds as written in <see cref="WithExif"/>: 1732/100, big-endian, to look for in outputs.</summary>
    public static readonly byte[] GpsSecondsRational = [0, 0, 0x06, 0xC4, 0, 0, 0, 0x64];

    /// <summary>A picture whose left half is red and right half blue (so orientation shows), optionally with a transparent top-left corner.</summary>
    public static byte[] Encode(SKEncodedImageFormat format, int width, int height, bool transparentCorner = false, int quality = 90)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, transparentCorner ? SKAlphaType.Unpremul : SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            if (transparentCorner)
            {
                using var clear = new SKPaint { Color = SKColors.Transparent, BlendMode = SKBlendMode.Src };
                canvas.DrawRect(0, 0, width / 4f, height / 4f, clear);
            }
        }

        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A JPEG with noise (so it has real entropy-coded data to cut short).</summary>
    public static byte[] NoisyJpeg(int width, int height)
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>
    /// The JPEG with an EXIF APP1 segment spliced in after SOI, as a phone writes it: Orientation
    /// (tag 0x0112) and a GPS IFD with a latitude of N 25° 2' 17.32".
    /// </summary>
    public static byte[] WithExif(byte[] jpeg, ushort orientation)
    {
        var tiff = new byte[92];
        var t = tiff.AsSpan();
        "MM"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16BigEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(t[4..], 8);

        // IFD0 at 8: Orientation, GPS IFD pointer.
        BinaryPrimitives.WriteUInt16BigEndian(t[8..], 2);
        Entry(t[10..], 0x0112, 3, 1, (uint)orientation << 16);
        Entry(t[22..], 0x8825, 4, 1, 38);
        BinaryPrimitives.WriteUInt32BigEndian(t[34..], 0);

        // GPS IFD at 38: GPSLatitudeRef "N", GPSLatitude (3 rationals at 68).
        BinaryPrimitives.WriteUInt16BigEndian(t[38..], 2);
        Entry(t[40..], 0x0001, 2, 2, (uint)'N' << 24);
        Entry(t[52..], 0x0002, 5, 3, 68);
        BinaryPrimitives.WriteUInt32BigEndian(t[64..], 0);
        uint[] rationals = [25, 1, 2, 1, 1732, 100];
        for (var i = 0; i < rationals.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(t[(68 + (i * 4))..], rationals[i]);
        }

        var segment = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Length;
        segment.Add((byte)(length >> 8));
        segment.Add((byte)length);
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);

        return [.. jpeg[..2], .. segment, .. jpeg[2..]];

        static void Entry(Span<byte> at, ushort tag, ushort type, uint count, uint value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(at, tag);
            BinaryPrimitives.WriteUInt16BigEndian(at[2..], type);
            BinaryPrimitives.WriteUInt32BigEndian(at[4..], count);
            BinaryPrimitives.WriteUInt32BigEndian(at[8..], value);
        }
    }

    /// <summary>
    /// A decompression bomb: a 1-bit greyscale PNG of <paramref name="width"/> × <paramref name="height"/>,
    /// all black. With <paramref name="completePixels"/> it is a valid image of a few dozen KB that
    /// decodes to width × height × 4 bytes; without, only the header and a scrap of data.
    /// </summary>
    public static byte[] PngBomb(int width, int height, bool completePixels)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth
        header[9] = 0; // greyscale
        Chunk(png, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + ((width + 7) / 8)]; // filter byte 0, then zero bits
            var rows = completePixels ? height : 4;
            for (var y = 0; y < rows; y++)
            {
                zlib.Write(row);
            }
        }

        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public static bool ContainsIgnoreCase(byte[] haystack, string ascii) =>
        System.Text.Encoding.Latin1.GetString(haystack).Contains(ascii, StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes output bytes (WebP) for inspection.</summary>
    public static SKBitmap Decode(byte[] bytes) => SKBitmap.Decode(bytes) ?? throw new InvalidOperationException("Not decodable.");

    public static bool IsRed(SKColor c) => c.Red > 200 && c.Green < 60 && c.Blue < 60;

    public static bool IsBlue(SKColor c) => c.Blue > 200 && c.Red < 60 && c.Green < 60;
}
