using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Parley.Client.Connections;

/// <summary>
/// The listening half of the seed's chat5.py: the server may dial the address we subscribed with and write
/// deliveries there, one JSON object per line, message-shaped. Every inbound connection is read with the
/// protocol's framing and its frames are mapped seed-style (user "server" is a notice).
/// </summary>
internal sealed class DeliveryListener(Socket listener, ChannelWriter<ClientEvent> events, int maxFrameSize, DeliveryDeduplicator deduplicator)
{
    /// <summary>Inbound connections held at once; more are refused, so a flood of dials cannot exhaust us.</summary>
    public const int MaxInbound = 64;

    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;

    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    public void Start() => _acceptLoop = AcceptLoopAsync();

    public async Task StopAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        foreach (var socket in _connections.Keys)
        {
            socket.Dispose();
        }

        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
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

            if (_connections.Count >= MaxInbound)
            {
                socket.Dispose();
                continue;
            }

            // Registered before it runs so StopAsync always sees it; it removes itself when done.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[socket] = ReadAsync(socket, start.Task);
            start.SetResult();
        }
    }

    private async Task ReadAsync(Socket socket, Task registered)
    {
        await registered.ConfigureAwait(false);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var input = PipeReader.Create(stream);
        var frames = new JsonFrameStream(input, maxFrameSize);
        try
        {
            while (await frames.ReadAsync(_stopping.Token).ConfigureAwait(false) is { } frame)
            {
                if (deduplicator.IsFirstCopy(frame) && ServerFrameMapper.Map(frame, seedStyle: true) is { } clientEvent)
                {
                    await events.WriteAsync(clientEvent, _stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException
            or SocketException or InvalidDataException or ChannelClosedException)
        {
            // The server hung up, sent garbage too large to skip, or we are stopping: this delivery link is over.
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            _connections.TryRemove(socket, out _);
        }
    }
}
