using System.Net.WebSockets;

namespace Parley.Server.Web;

public sealed partial class WebSocketConnection
{
    /// <summary>How long the client has to answer the server's close frame before the socket is dropped.</summary>
    private static readonly TimeSpan CloseReplyWait = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After the session and the core are done (the core's last bytes are out or it gave up): the close handshake,
    /// at most <paramref name="timeout"/> in all, then the socket is dropped if the client did not answer.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            // Aborted by the core (its last bytes did not drain): a flush may still be failing on the output, which
            // is then no one's to write, and there is no one to say goodbye to.
            if (Volatile.Read(ref _aborted) != 0)
            {
                await _receiving.ConfigureAwait(false);
                return;
            }

            await _framing.CoreDoneAsync(deadline.Token).ConfigureAwait(false);
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, deadline.Token).ConfigureAwait(false);
            }

            // RFC 6455 §7.1.1: after its close frame the server waits for the client's and then drops the TCP
            // connection. A client that never answers must not keep the session, and a server shutdown, waiting.
            await _receiving.WaitAsync(CloseReplyWait, deadline.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogNoCloseReply(Who, CloseReplyWait);
            AbortSocket();
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            LogCloseFailed(Who, ex.GetType().Name);
            AbortSocket();
        }

        await _receiving.ConfigureAwait(false);
    }

    // Messages in → bytes (+ '\n' after each) into the session's input. Ends when the client closes, the socket
    // fails, a binary message arrives, or the session stops reading (the input's reader completed).
    private async Task ReceiveAsync()
    {
        var writer = _input.Writer;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(4096);
                var result = await _socket.ReceiveAsync(memory, CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    // The protocol is JSON text: a binary message ends the connection like a close (StopAsync
                    // writes the close frame once the session is over).
                    break;
                }

                writer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    writer.GetSpan(1)[0] = (byte)'\n';
                    writer.Advance(1);
                }

                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client vanished without a close frame: the session sees the end of its input, as on a TCP reset.
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
            Signal();
        }
    }
}
