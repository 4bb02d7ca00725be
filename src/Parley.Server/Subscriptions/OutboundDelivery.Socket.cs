using System.Net.Sockets;

namespace Parley.Server.Subscriptions;

/// <summary>The socket work: dialling under the dial policy and budget, writing, and noticing a listener that closed.</summary>
public sealed partial class OutboundDelivery
{
    private async Task<Socket?> DialAsync(CancellationToken cancellationToken)
    {
        var target = _target!;

        // Checked again before every dial, whatever was true at subscribe time: never this server itself.
        if (_policy.IsOwnListener(target))
        {
            LogOwnListener(_key, target.ToString());
            return null;
        }

        using var slot = await _budget.AcquireAsync(cancellationToken).ConfigureAwait(false);
        LogDialling(_key);
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(_options.SubscriberConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(target, linked.Token).ConfigureAwait(false);
            LogConnected(_key);
            return socket;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            LogDialFailed(_key, ex is SocketException s ? s.SocketErrorCode.ToString() : "timed out");
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<bool> TryWriteAsync(Socket socket, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                bytes = bytes[sent..];
            }

            return true;
        }
        catch (SocketException ex)
        {
            LogWriteFailed(_key, ex.SocketErrorCode.ToString());
            return false;
        }
    }

    /// <summary>
    /// Whether the peer has closed its end: the socket is readable with nothing to read (a completed zero-byte
    /// read). <see cref="PeerStatus.Reset"/> when a pending socket error says it also refused data we wrote
    /// after it stopped reading. Anything the peer did send is read and dropped: nothing is expected here.
    /// </summary>
    private static PeerStatus PeerState(Socket socket)
    {
        try
        {
            Span<byte> scratch = stackalloc byte[512];
            while (socket.Poll(0, SelectMode.SelectRead))
            {
                if (socket.Available == 0)
                {
                    return socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error && error != 0
                        ? PeerStatus.Reset
                        : PeerStatus.Closed;
                }

                socket.Receive(scratch);
            }

            return PeerStatus.Open;
        }
        catch (SocketException)
        {
            return PeerStatus.Reset;
        }
    }
}
