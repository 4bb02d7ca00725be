using System.Net.Sockets;

namespace Parley.Client.Connections;

/// <summary>Opens the TCP connection to a chat server, turning a refusal into a <see cref="ChatConnectException"/>.</summary>
internal static class TcpConnector
{
    public static async Task<TcpClient> ConnectAsync(ChatEndpoint endpoint, CancellationToken cancellationToken)
    {
        // The parameterless TcpClient picks the address family per resolved address, so "localhost" works
        // whether the server listens on 127.0.0.1 or ::1.
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
            client.NoDelay = true;
            return client;
        }
        catch (SocketException ex)
        {
            client.Dispose();
            throw new ChatConnectException($"cannot connect to {endpoint}: {ex.Message}", ex);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
