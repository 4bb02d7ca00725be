using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

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

    /// <summary>The stream to speak over: the socket's, or a TLS stream over it when <see cref="ChatEndpoint.Tls"/>.
    /// A certificate the system does not trust is refused (unless <see cref="ChatEndpoint.Insecure"/>) with a
    /// <see cref="ChatConnectException"/> that says why and what to do.</summary>
    public static async Task<Stream> SecureAsync(TcpClient client, ChatEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.Tls)
        {
            return client.GetStream();
        }

        var errors = SslPolicyErrors.None;
        var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = endpoint.Host,
                    RemoteCertificateValidationCallback = (_, _, _, policyErrors) =>
                    {
                        errors = policyErrors;
                        return endpoint.Insecure || policyErrors == SslPolicyErrors.None;
                    },
                },
                cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (AuthenticationException ex)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            var why = errors == SslPolicyErrors.None
                ? ex.Message
                : $"the server's certificate is not trusted ({errors}); if it is self-signed and you know the server, add --insecure";
            throw new ChatConnectException($"TLS with {endpoint} failed: {why}", ex);
        }
        catch (IOException ex)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new ChatConnectException($"TLS with {endpoint} failed: {ex.Message} (is it a TLS port?)", ex);
        }
    }
}
