using System.Net;
using System.Net.Sockets;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>
/// Which URLs events may be sent to: absolute https URLs without user info, on a public address. Plain http,
/// loopback and private networks only where <see cref="WebhookOptions.AllowPrivateNetworks"/> allows them
/// (Development and tests), and then http only to loopback. The address is checked again when connecting.
/// </summary>
public static class WebhookUrlPolicy
{
    /// <summary>The URL, normalised, or a 400 refusal saying what is wrong.</summary>
    public static Uri Check(string? url, bool allowPrivateNetworks)
    {
        url = url?.Trim();
        if (string.IsNullOrEmpty(url) || url.Length > Limits.UrlMaxLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw Invalid("Give the endpoint's full https address (e.g. https://example.com/liveshop/events), at most {0} characters.", Limits.UrlMaxLength);
        }

        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Invalid("The endpoint's address may not hold a user name, a password or a #fragment.");
        }

        var loopback = IsLoopbackHost(uri);
        if (uri.Scheme == Uri.UriSchemeHttp && !(allowPrivateNetworks && loopback))
        {
            throw Invalid("The endpoint must use https, so events and their signatures travel encrypted.");
        }

        if (!allowPrivateNetworks && (loopback || (IPAddress.TryParse(uri.IdnHost, out var ip) && IsPrivate(ip))))
        {
            throw Invalid("The endpoint must be on the public internet: this server does not send events to loopback or private-network addresses.");
        }

        return uri;
    }

    /// <summary>Loopback, private (RFC 1918, unique-local), link-local, CGNAT, unspecified or multicast.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224;
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
    }

    private static bool IsLoopbackHost(Uri uri) =>
        uri.IsLoopback || uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    private static DomainException Invalid(string message, params object?[] arguments) => DomainException.Invalid(ProblemCodes.WebhookUrlInvalid, message, arguments);
}
