using System.Diagnostics;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// A live HLS stream for the length of a test: ffmpeg encodes a test pattern and a tone in real time
/// (<c>-re</c>) into 1 s segments with <c>EXT-X-PROGRAM-DATE-TIME</c>, into a folder the app serves at
/// <c>/streams/</c>. Disposing stops ffmpeg (by its process id).
/// </summary>
public sealed class LiveHlsStream : IAsyncDisposable
{
    private readonly Process _ffmpeg;
    private readonly ITestOutputHelper _output;

    private LiveHlsStream(Process ffmpeg, string playlist, ITestOutputHelper output)
    {
        _ffmpeg = ffmpeg;
        Playlist = playlist;
        _output = output;
    }

    public string Playlist { get; }

    /// <summary>Starts ffmpeg writing <c>{folder}/index.m3u8</c> and waits until the playlist holds a few segments.</summary>
    public static async Task<LiveHlsStream> StartAsync(string folder, ITestOutputHelper output)
    {
        Directory.CreateDirectory(folder);
        var playlist = Path.Combine(folder, "index.m3u8");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("LIVESHOP_FFMPEG") ?? "ffmpeg")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (
            "-hide_banner -loglevel warning -re " +
            "-f lavfi -i testsrc=size=320x240:rate=25 -f lavfi -i sine=frequency=440:sample_rate=44100 " +
            "-c:v libx264 -preset ultrafast -tune zerolatency -pix_fmt yuv420p -g 25 -keyint_min 25 -sc_threshold 0 " +
            "-c:a aac -b:a 64k -ac 1 " +
            "-f hls -hls_time 1 -hls_list_size 6 -hls_flags program_date_time+delete_segments+independent_segments").Split(' '))
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("-hls_segment_filename");
        start.ArgumentList.Add(Path.Combine(folder, "segment%05d.ts"));
        start.ArgumentList.Add(playlist);

        var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        ffmpeg.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                output.WriteLine("ffmpeg: " + line);
            }
        };
        ffmpeg.BeginErrorReadLine();
        var stream = new LiveHlsStream(ffmpeg, playlist, output);

        var waited = Stopwatch.StartNew();
        while (SegmentCount(playlist) < 3)
        {
            if (ffmpeg.HasExited || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                await stream.DisposeAsync();
                throw new InvalidOperationException($"ffmpeg wrote no live playlist in {waited.Elapsed.TotalSeconds:0} s (exited: {ffmpeg.HasExited}).");
            }

            await Task.Delay(200);
        }

        output.WriteLine($"Live HLS ready after {waited.ElapsedMilliseconds} ms:\n{File.ReadAllText(playlist)}");
        return stream;
    }

    private static int SegmentCount(string playlist)
    {
        try
        {
            return File.Exists(playlist) ? File.ReadLines(playlist).Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ffmpeg.HasExited)
        {
            _ffmpeg.Kill(entireProcessTree: true);
            await _ffmpeg.WaitForExitAsync();
        }

        _output.WriteLine($"ffmpeg stopped (exit {_ffmpeg.ExitCode}).");
        _ffmpeg.Dispose();
    }
}
