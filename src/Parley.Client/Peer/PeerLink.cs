using System.Net;
using System.Net.Sockets;

namespace Parley.Client.Peer;

/// <summary>
/// The outbound connection to one listed peer. Dialled lazily on the first message (the peer may not be running
/// yet), dropped when broken and dialled again on a later message. Only called under <see cref="PeerNode"/>'s
/// send lock, so it needs no locking of its own.
/// </summary>
internal sealed class PeerLink(PeerAddress address, TimeSpan connectTimeout) : IAsyncDisposable
{
    private readonly byte[] _drain = new byte[256];
    private Socket? _socket;

    public PeerAddress Address { get; } = address;

    /// <summary>Sends one line; null on success, else why it did not reach the peer.</summary>
    public async Task<string?> TrySendAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        // A link that was open may have gone stale without us noticing (the peer restarted): then dial once more
        // for this same message rather than losing it.
        for (var attempt = 0; ; attempt++)
        {
            var wasOpen = IsOpen();
            if (!wasOpen)
            {
                Close();
                var error = await DialAsync(cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }
            }

            try
            {
                await _socket!.SendAsync(line, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (SocketException e)
            {
                Close();
                if (!wasOpen || attempt > 0)
                {
                    return e.Message;
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Close();
        return ValueTask.CompletedTask;
    }

    private async Task<string?> DialAsync(CancellationToken cancellationToken)
    {
        var socket = IPAddress.TryParse(Address.Host, out var ip)
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(Address.Host, Address.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return $"no answer within {connectTimeout.TotalSeconds:0.#} s";
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return e.Message;
        }

        _socket = socket;
        return null;
    }

    /// <summary>
    /// Links are one-way, so the peer never writes here: a readable socket with nothing to read means it closed
    /// the connection (FIN), and the message should go over a new one instead of into a dead socket.
    /// </summary>
    private bool IsOpen()
    {
        if (_socket is null)
        {
            return false;
        }

        try
        {
            while (_socket.Poll(0, SelectMode.SelectRead))
            {
                if (_socket.Available == 0)
                {
                    return false;
                }

                _socket.Receive(_drain); // a chatty peer: discard, never block
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }
}
