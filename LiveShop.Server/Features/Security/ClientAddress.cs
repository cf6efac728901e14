using System.Net;
using System.Net.Sockets;

namespace LiveShop.Server.Features.Security;

/// <summary>
/// The caller's address for limits and bans: the connection's remote address, which the forwarded-headers
/// middleware has already replaced with the client's when the request came through a configured proxy.
/// IPv6 callers are grouped by their /64 (one household, one phone: a host picks any address inside it).
/// </summary>
public static class ClientAddress
{
    /// <summary>A stable text key: "203.0.113.7", "2001:db8:1:2::/64", or "unknown" (in-process test servers).</summary>
    public static string Of(HttpContext? context) => Key(context?.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
