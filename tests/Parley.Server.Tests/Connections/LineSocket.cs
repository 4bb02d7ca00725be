using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Server.Tests.Connections;

/// <summary>A line client on a raw socket whose receive buffer can be made small (a reader that stops reading
/// then fills the path quickly). Reads only when asked; every wait has a deadline.</summary>
public sealed class LineSocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly StringBuilder _pending = new();

    private LineSocket(Socket socket) => _socket = socket;

    public static async Task<LineSocket> ConnectAsync(IPEndPoint endPoint, int receiveBufferSize = 0)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (receiveBufferSize > 0)
        {
            socket.ReceiveBufferSize = receiveBufferSize;
        }

        await socket.ConnectAsync(endPoint).WaitAsync(TimeSpan.FromSeconds(10));
        return new LineSocket(socket);
    }

    public async Task SendAsync(string text) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None).WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>The next line without its terminator; null at end of stream (or on a reset).</summary>
    public async Task<string?> ReadLineAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var text = _pending.ToString();
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (newline >= 0)
            {
                _pending.Remove(0, newline + 1);
                return text[..newline].TrimEnd('\r');
            }

            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, deadline.Token);
            }
            catch (SocketException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _pending.Append(Encoding.UTF8.GetString(_buffer, 0, read));
        }
    }

    /// <summary>One recv(): whatever has arrived (empty at end of stream).</summary>
    public async Task<string> ReceiveAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var read = await _socket.ReceiveAsync(_buffer, SocketFlags.None, deadline.Token);
        return Encoding.UTF8.GetString(_buffer, 0, read);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
