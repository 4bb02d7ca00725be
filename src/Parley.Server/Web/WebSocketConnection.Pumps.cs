using System.Buffers;
using System.Net.WebSockets;

namespace Parley.Server.Web;

public sealed partial class WebSocketConnection
{
    /// <summary>How long the client has to answer the server's close frame before the socket is dropped.</summary>
    private static readonly TimeSpan CloseReplyWait = TimeSpan.FromSeconds(1);

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
                    // The protocol is JSON text: a binary message ends the connection like a close (the send pump
                    // owns the socket's send side, so the close frame is its to write).
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

    // Lines out → one text message each, written by this pump into the stream under the WebSocket (see
    // BatchingStream), one write per batch the core flushed. Ends when the core completes the output (then closes the WebSocket
    // properly) or the socket fails (then the core's flushes see a completed reader and it stops writing).
    private async Task SendAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, end);
                    if (!line.IsEmpty)
                    {
                        await _stream.WriteTextFrameAsync(line).ConfigureAwait(false);
                    }

                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                }

                await _stream.FlushFramesAsync().ConfigureAwait(false);

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            await CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty).ConfigureAwait(false);

            // RFC 6455 §7.1.1: after its close frame the server waits for the client's and then drops the TCP
            // connection. A client that never answers must not keep the session, and a server shutdown, waiting.
            if (await Task.WhenAny(_receiving, Task.Delay(CloseReplyWait)).ConfigureAwait(false) != _receiving)
            {
                AbortSocket();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            Signal();
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task CloseOutputAsync(WebSocketCloseStatus status, string description)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseOutputAsync(status, description, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
