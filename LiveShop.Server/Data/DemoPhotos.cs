using SkiaSharp;

namespace LiveShop.Server.Data;

/// <summary>
/// The demo scarf's photos, drawn at seed time (Development only) so the demo shows a product with real
/// stored photos without shipping binary files: a square of silk in the variant's colour, draped on the
/// diagonal, with a woven border and a fringe. They go through the same pipeline as an upload.
/// </summary>
internal static class DemoPhotos
{
    /// <summary>The scarf's colours, in the order of its variants: (name, dye, border).</summary>
    public static readonly IReadOnlyList<(string Colour, SKColor Dye, SKColor Border)> Scarves =
    [
        ("Indigo", new SKColor(0x2B, 0x3A, 0x67), new SKColor(0xD9, 0xC9, 0x9A)),
        ("Tea", new SKColor(0x9C, 0x6B, 0x3C), new SKColor(0xF3, 0xE3, 0xC3)),
        ("Jade", new SKColor(0x3F, 0x7F, 0x6A), new SKColor(0xE8, 0xD8, 0xA8)),
    ];

    /// <summary>A PNG of one scarf, <paramref name="size"/> pixels square.</summary>
    public static byte[] Scarf(SKColor dye, SKColor border, int size = 800)
    {
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF6, 0xF1, 0xEA));
        var s = size / 800f;
        canvas.Translate(size / 2f, size / 2f);
        canvas.RotateDegrees(-12);

        var cloth = SKRect.Create(-260 * s, -260 * s, 520 * s, 520 * s);
        using (var shadow = new SKPaint { Color = new SKColor(0, 0, 0, 40), IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 18 * s) })
        {
            canvas.DrawRoundRect(new SKRoundRect(SKRect.Create(cloth.Left + 14 * s, cloth.Top + 22 * s, cloth.Width, cloth.Height), 10 * s), shadow);
        }

        // The silk: the dye with a soft sheen across it.
        using (var silk = new SKPaint { IsAntialias = true })
        {
            silk.Shader = SKShader.CreateLinearGradient(
                new SKPoint(cloth.Left, cloth.Top), new SKPoint(cloth.Right, cloth.Bottom),
                [Lighter(dye, 0.25f), dye, Lighter(dye, 0.12f), Darker(dye, 0.2f)], [0f, 0.45f, 0.6f, 1f], SKShaderTileMode.Clamp);
            canvas.DrawRoundRect(new SKRoundRect(cloth, 10 * s), silk);
        }

        // The woven border and a lattice of fine lines inside it.
        using var line = new SKPaint { Color = border, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 10 * s };
        var inner = SKRect.Inflate(cloth, -28 * s, -28 * s);
        canvas.DrawRect(inner, line);
        line.StrokeWidth = 2 * s;
        line.Color = border.WithAlpha(120);
        for (var x = inner.Left + 46 * s; x < inner.Right; x += 46 * s)
        {
            canvas.DrawLine(x, inner.Top, x, inner.Bottom, line);
            canvas.DrawLine(inner.Left, inner.Top + (x - inner.Left), inner.Right, inner.Top + (x - inner.Left), line);
        }

        // The fringe at two edges.
        line.Color = Darker(dye, 0.1f);
        line.StrokeWidth = 3 * s;
        for (var x = cloth.Left + 8 * s; x < cloth.Right - 4 * s; x += 9 * s)
        {
            canvas.DrawLine(x, cloth.Bottom, x + 2 * s, cloth.Bottom + 26 * s, line);
            canvas.DrawLine(x, cloth.Top, x - 2 * s, cloth.Top - 26 * s, line);
        }

        canvas.Flush();
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static SKColor Lighter(SKColor c, float by) => new(Mix(c.Red, 255, by), Mix(c.Green, 255, by), Mix(c.Blue, 255, by));

    private static SKColor Darker(SKColor c, float by) => new(Mix(c.Red, 0, by), Mix(c.Green, 0, by), Mix(c.Blue, 0, by));

    private static byte Mix(byte from, byte to, float by) => (byte)Math.Round(from + ((to - from) * by));
}
