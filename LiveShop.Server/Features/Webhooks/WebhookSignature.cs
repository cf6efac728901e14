using System.Security.Cryptography;
using System.Text;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>
/// The <c>LiveShop-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, the HMAC keyed with the
/// UTF-8 bytes of the whole secret (<c>whsec_…</c>) over <c>"&lt;t&gt;.&lt;body&gt;"</c>. docs/webhooks.md shows receivers checking it.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "LiveShop-Signature";
    public const string EventIdHeader = "LiveShop-Event-Id";
    public const string EventTypeHeader = "LiveShop-Event-Type";

    public static string Sign(string secret, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>What a receiver does: the header's v1 matches (in constant time) and t is within <paramref name="tolerance"/> of now.</summary>
    public static bool Verify(string secret, string header, byte[] body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? t = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2)
            {
                continue;
            }

            if (kv[0] == "t" && long.TryParse(kv[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                t = parsed;
            }
            else if (kv[0] == "v1")
            {
                candidates.Add(kv[1]);
            }
        }

        if (t is not { } timestamp || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body).Split("v1=")[1]);
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(c), expected));
    }
}
