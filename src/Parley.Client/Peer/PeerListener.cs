using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

using Parley.Protocols.Json;

namespace Parley.Client.Peer;

/// <summary>
/// Accepts inbound peers (any number, listed or not) and turns what each sends into <see cref="PeerMessage"/>s.
/// Framing is the JSON reader's, never "one read = one message": peers may send objects back to back or split.
/// </summary>
internal sealed class PeerListener(
    Socket listener, PeerOptions options, ChannelWriter<PeerMessage> received, Action<string> report)
{
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;

    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    public void Start() => _acceptLoop = AcceptLoopAsync();

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        foreach (var socket in _connections.Keys)
        {
            socket.Dispose();
        }

        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_connections.Count >= options.MaxInboundPeers)
            {
                report($"refused a peer from {socket.RemoteEndPoint}: already {options.MaxInboundPeers} inbound peers");
                socket.Dispose();
                continue;
            }

            // Registered before it runs so StopAsync always sees it; it removes itself when done.
            // The peer's address is read now: StopAsync may dispose the socket before the reader starts.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[socket] = ReadPeerAsync(socket, socket.RemoteEndPoint?.ToString() ?? "?", start.Task);
            start.SetResult();
        }
    }

    private async Task ReadPeerAsync(Socket socket, string from, Task registered)
    {
        await registered.ConfigureAwait(false);
        NetworkStream stream;
        try
        {
            stream = new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Stopped (the socket was disposed) before this reader ran.
            _connections.TryRemove(socket, out _);
            return;
        }

        var input = PipeReader.Create(stream);
        var reader = new JsonFrameReader(options.MaxFrameSize);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_stopping.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                var consumed = buffer.Start;
                var examined = buffer.End;
                var oversize = false;
                while (!oversize && reader.TryParse(buffer, ref consumed, ref examined, out var frame))
                {
                    buffer = buffer.Slice(consumed);
                    oversize = frame.ErrorKind == JsonFrameErrorKind.Oversize;
                    if (frame.IsError)
                    {
                        report($"bad message from {from}: {frame.ErrorMessage}");
                    }
                    else if (frame.Request is { Message: { } text } request)
                    {
                        await received.WriteAsync(new PeerMessage(request.User ?? from, text, request.Seq), _stopping.Token)
                            .ConfigureAwait(false);
                    }
                }

                input.AdvanceTo(consumed, examined);
                if (oversize || result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // The peer went away or we are stopping: either way this connection is over.
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            _connections.TryRemove(socket, out _);
        }
    }
}
