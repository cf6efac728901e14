using SkiaSharp;

namespace LiveShop.E2E;

/// <summary>Product photos drawn in the test, so an upload needs no file in the repository.</summary>
public static class ProductPhoto
{
    /// <summary>An 800 × 800 JPEG of a brown teapot on a warm background: a real photo's size and format.</summary>
    public static byte[] Teapot()
    {
        const int size = 800;
        using var surface = SKSurface.Create(new SKImageInfo(size, size));
        var canvas = surface.Canvas;
        using (var background = new SKPaint())
        {
            background.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(0, size), [new SKColor(0xF6, 0xEE, 0xE3), new SKColor(0xE3, 0xD2, 0xBC)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, size, size, background);
        }

        using var clay = new SKPaint { Color = new SKColor(0x7A, 0x3E, 0x2B), IsAntialias = true };
        using var shade = new SKPaint { Color = new SKColor(0x5C, 0x2C, 0x1E), IsAntialias = true };
        using var handle = new SKPaint { Color = new SKColor(0x7A, 0x3E, 0x2B), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 34 };
        using var shadow = new SKPaint { Color = new SKColor(0, 0, 0, 40), IsAntialias = true };
        using var shine = new SKPaint { Color = new SKColor(255, 255, 255, 45), IsAntialias = true };
        canvas.DrawOval(new SKRect(190, 620, 610, 680), shadow);
        canvas.DrawOval(new SKRect(200, 300, 600, 650), clay);
        canvas.DrawArc(new SKRect(520, 360, 700, 560), -80, 170, false, handle);
        canvas.Save();
        canvas.RotateDegrees(-35, 230, 470);
        canvas.DrawRoundRect(new SKRect(80, 440, 260, 490), 22, 22, clay);
        canvas.Restore();

        canvas.DrawOval(new SKRect(290, 270, 510, 330), shade);
        canvas.DrawOval(new SKRect(370, 225, 430, 275), clay);
        canvas.DrawOval(new SKRect(280, 360, 360, 460), shine);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
