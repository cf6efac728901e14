using System.Security.Cryptography;
using System.Text;
using LiveShop.Server.Features.Video.Acs;

namespace LiveShop.Server.Tests.Features.Video;

/// <summary>
/// The ACS request signer against Microsoft's documented scheme. Expected values are computed here
/// from the spec, and the fixed vectors were computed outside .NET with openssl
/// (<c>printf … | openssl dgst -sha256 -mac HMAC -macopt key:… -binary | base64</c>).
/// </summary>
public class AcsRequestSignerTests
{
    private const string KeyText = "liveshop-acs-test-key-32-bytes!!";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(KeyText);
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sign_CreateRoomBody_GivesTheDocumentedHeaders_AndTheOpensslVector()
    {
        var body = """{"participants":{"8:acs:host":{"role":"Presenter"}}}"""u8.ToArray();

        var signed = new AcsRequestSigner(Key).Sign("POST", new Uri("https://contoso.communication.azure.com/rooms?api-version=2024-04-15"), body, SignedAt);

        Assert.Equal("Sun, 22 Nov 2026 18:00:00 GMT", signed.Date);
        Assert.Equal("contoso.communication.azure.com", signed.Host);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(body)), signed.ContentHash);
        Assert.Equal("XMrA2mHYUxg3LtDcyE4AgvCZKcxOycz4L//hgkdMduE=", signed.ContentHash);
        var stringToSign = "POST\n/rooms?api-version=2024-04-15\nSun, 22 Nov 2026 18:00:00 GMT;contoso.communication.azure.com;" + signed.ContentHash;
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(stringToSign)));
        Assert.Equal("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + expected, signed.Authorization);
        Assert.Equal("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=Xkid5KpLjP9nPEWhc+fZLsMjSEsERuaFki5HcS5OdO0=", signed.Authorization);
    }

    [Fact]
    public void Sign_EmptyBodyOnANonDefaultPort_HashesNoBytes_AndSignsHostWithPort()
    {
        var signed = new AcsRequestSigner(Key).Sign("get", new Uri("http://127.0.0.1:5123/identities/x?api-version=2023-10-01"), [], SignedAt);

        // The SHA-256 of nothing, as the Azure SDK's own HMAC policy test expects it.
        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", signed.ContentHash);
        Assert.Equal("127.0.0.1:5123", signed.Host);
        Assert.Equal("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=dAUeBO1hTqiEY9vhLVUEyysrrboCqiVLH5cNldKqTa4=", signed.Authorization);
    }

    [Fact]
    public void Sign_DefaultHttpsPort_LeavesThePortOutOfHost_AndDateIsUtc()
    {
        var signed = new AcsRequestSigner(Key).Sign("POST", new Uri("https://contoso.communication.azure.com:443/identities?api-version=2023-10-01"), "{}"u8, SignedAt.ToOffset(TimeSpan.FromHours(8)));

        Assert.Equal("contoso.communication.azure.com", signed.Host);
        Assert.Equal("Sun, 22 Nov 2026 18:00:00 GMT", signed.Date);
    }

    [Fact]
    public void Sign_ADifferentKey_GivesADifferentSignature()
    {
        var uri = new Uri("https://contoso.communication.azure.com/rooms?api-version=2024-04-15");

        var ours = new AcsRequestSigner(Key).Sign("POST", uri, "{}"u8, SignedAt);
        var theirs = new AcsRequestSigner(Encoding.UTF8.GetBytes("another key")).Sign("POST", uri, "{}"u8, SignedAt);

        Assert.NotEqual(ours.Authorization, theirs.Authorization);
        Assert.Equal(ours.ContentHash, theirs.ContentHash);
    }

    [Fact]
    public void ParseConnectionString_AsThePortalShowsIt_GivesEndpointAndDecodedKey()
    {
        var parsed = AcsConnectionString.Parse("endpoint=https://contoso.communication.azure.com/;accesskey=" + Convert.ToBase64String(Key));

        Assert.Equal(new Uri("https://contoso.communication.azure.com/"), parsed.Endpoint);
        Assert.Equal(Key, parsed.AccessKey);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("accesskey=bGl2ZQ==", "no endpoint")]
    [InlineData("endpoint=https://contoso.communication.azure.com/", "no accesskey")]
    [InlineData("endpoint=contoso;accesskey=bGl2ZQ==", "absolute https://")]
    [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=not base64!", "not Base64")]
    public void ParseConnectionString_Malformed_SaysWhatIsWrong_WithoutTheKey(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AcsConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bGl2ZQ", error.Message, StringComparison.Ordinal);
    }
}
