using System.Net;
using System.Net.Sockets;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>
/// The webhook client's connect step outside Development: resolves the host and connects only to a public
/// address (<see cref="WebhookUrlPolicy.IsPrivate"/>), so a hostname that resolves (or later re-resolves) to
/// loopback, the cloud metadata service or the inner network is refused.
/// </summary>
public static class PublicAddressOnly
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => !WebhookUrlPolicy.IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{host} resolves to no public address; events are not sent to private networks.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
