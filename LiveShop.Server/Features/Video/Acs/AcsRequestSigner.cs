using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LiveShop.Server.Features.Video.Acs;

/// <summary>The three signed headers and the Authorization header of one ACS request.</summary>
/// <param name="Date"><c>x-ms-date</c>: the signing time, RFC 1123 ("Sun, 22 Nov 2026 18:00:00 GMT").</param>
/// <param name="Host">The request's authority as signed (host, and port when not the scheme's default); the HTTP Host header carries the same.</param>
/// <param name="ContentHash"><c>x-ms-content-sha256</c>: Base64 SHA-256 of the body bytes (of no bytes for an empty body).</param>
/// <param name="Authorization"><c>HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=…</c>.</param>
public sealed record AcsSignedHeaders(string Date, string Host, string ContentHash, string Authorization);

/// <summary>
/// Signs requests to the ACS REST API with the access key, as Microsoft documents it ("Sign an HTTP
/// request with HMAC", and the Azure SDKs' HMACAuthenticationPolicy):
/// string to sign <c>VERB\nPathAndQuery\n{x-ms-date};{host};{x-ms-content-sha256}</c>, signature
/// <c>Base64(HMAC-SHA256(Base64Decode(accessKey), UTF-8 string to sign))</c>.
/// </summary>
public sealed class AcsRequestSigner(byte[] accessKey)
{
    /// <summary>The signed headers, in the order their values appear in the string to sign.</summary>
    public const string SignedHeaderNames = "x-ms-date;host;x-ms-content-sha256";

    private readonly byte[] _key = accessKey.Length > 0 ? accessKey : throw new ArgumentException("The ACS access key is empty.", nameof(accessKey));

    public AcsSignedHeaders Sign(string method, Uri uri, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var date = now.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        var host = uri.Authority;
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var stringToSign = StringToSign(method, uri.PathAndQuery, date, host, contentHash);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
        return new AcsSignedHeaders(date, host, contentHash, $"HMAC-SHA256 SignedHeaders={SignedHeaderNames}&Signature={signature}");
    }

    public static string StringToSign(string method, string pathAndQuery, string date, string host, string contentHash) =>
        $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{date};{host};{contentHash}";
}

/// <summary>
/// Signs each attempt in the Azure.Core pipeline (it sits after the retry policy, so a retry carries
/// a fresh <c>x-ms-date</c>; ACS refuses dates far from its clock).
/// </summary>
internal sealed class AcsHmacPolicy(AcsRequestSigner signer, TimeProvider time) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        using var body = new MemoryStream();
        message.Request.Content?.WriteTo(body, message.CancellationToken);
        var signed = signer.Sign(message.Request.Method.Method, message.Request.Uri.ToUri(), body.GetBuffer().AsSpan(0, (int)body.Length), time.GetUtcNow());
        message.Request.Headers.SetValue("x-ms-date", signed.Date);
        message.Request.Headers.SetValue("x-ms-content-sha256", signed.ContentHash);
        message.Request.Headers.SetValue("Authorization", signed.Authorization);
    }
}
