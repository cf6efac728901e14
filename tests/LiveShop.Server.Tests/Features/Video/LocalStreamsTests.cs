using System.Net;
using LiveShop.Server.Tests.Infrastructure;

namespace LiveShop.Server.Tests.Features.Video;

/// <summary>
/// HLS written on the server's machine (Video:LocalStreamsDirectory, set by the test factory) is
/// served at /streams/ with HLS content types and never cached; the demo's HLS variant is served from wwwroot.
/// </summary>
public class LocalStreamsTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task Get_LivePlaylistAndSegment_ServedWithHlsTypesAndNoCaching()
    {
        var folder = Path.Combine(factory.StreamsFolder, "tea");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "index.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:1\n");
        await File.WriteAllBytesAsync(Path.Combine(folder, "segment00001.ts"), [0x47, 0x40, 0x00, 0x10]);
        var http = factory.NewBrowser();

        var playlist = await http.GetAsync("/streams/tea/index.m3u8");
        var segment = await http.GetAsync("/streams/tea/segment00001.ts");

        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType?.MediaType);
        Assert.True(playlist.Headers.CacheControl?.NoStore);
        Assert.StartsWith("#EXTM3U", await playlist.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("video/mp2t", segment.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, (await segment.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory]
    [InlineData("/streams/tea/missing.m3u8")]
    [InlineData("/streams/..%2Fliveshop.db")]
    [InlineData("/streams/%2E%2E/liveshop.db")]
    public async Task Get_MissingOrOutsideTheFolder_NotFound(string path)
    {
        var response = await factory.NewBrowser().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_DemoHlsVariant_ServedFromWwwrootAsHls()
    {
        var http = factory.NewBrowser();

        var playlist = await http.GetAsync("/media/demo/index.m3u8");
        var segment = await http.GetAsync("/media/demo/segment00.ts");

        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType?.MediaType);
        Assert.Contains("segment00.ts", await playlist.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("video/mp2t", segment.Content.Headers.ContentType?.MediaType);
    }
}
