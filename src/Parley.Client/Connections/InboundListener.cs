using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Parley.Client.Connections;

/// <summary>
/// Accepts connections on a bound, listening socket and runs one reader per connection, at most
/// <c>maxInbound</c> at once (more are refused, so a flood of dials cannot exhaust us). Used by the subscriber's
/// delivery listener and by peer mode; each supplies only what it does with one connection (<c>serve</c>, which
/// owns the socket and returns when the connection is over).
/// </summary>
internal sealed class InboundListener(
    Socket listener, int maxInbound, Func<Socket, string, CancellationToken, Task> serve, Action<string>? refused = null)
{
    private readonly ConcurrentDictionary<Socket, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;
    private int _stopped;

    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndPoint!;

    public void Start() => _acceptLoop = AcceptLoopAsync();

    /// <summary>Closes the listener and every connection, and waits for their readers. Idempotent.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        listener.Dispose();

        // The accept loop ends first, so no connection can be added after the sockets below are closed.
        await _acceptLoop.ConfigureAwait(false);
        foreach (var socket in _connections.Keys)
        {
            socket.Dispose();
        }

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

            // Read now: the socket may be closed by StopAsync before its reader runs.
            var from = socket.RemoteEndPoint?.ToString() ?? "?";
            if (_connections.Count >= maxInbound)
            {
                refused?.Invoke(from);
                socket.Dispose();
                continue;
            }

            // Registered before it runs so StopAsync always sees it; it removes itself when done.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[socket] = RunAsync(socket, from, start.Task);
            start.SetResult();
        }
    }

    private async Task RunAsync(Socket socket, string from, Task registered)
    {
        await registered.ConfigureAwait(false);
        try
        {
            await serve(socket, from, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // The other side went away, or we are stopping (the socket may be closed before serve could start).
        }
        finally
        {
            socket.Dispose();
            _connections.TryRemove(socket, out _);
        }
    }
}
