using System.Net;
using System.Net.Sockets;
using System.Text;

using Parley.Client.Connections;

namespace Parley.Client.Tests.Connections;

/// <summary>
/// A scripted server on 127.0.0.1 port 0: it checks the exact bytes the client sends and writes chunks
/// exactly as given (each chunk flushed on its own), so tests control how lines are split and merged.
/// Every wait is bounded by <see cref="Timeout"/>.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task<TcpClient> _accepted;
    private NetworkStream? _stream;

    public FakeChatServer()
    {
        _listener.Start();
        _accepted = _listener.AcceptTcpClientAsync();
    }

    public ChatEndpoint Endpoint => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

    public async Task ExpectAsync(string exact)
    {
        var stream = await StreamAsync();
        var expected = Encoding.UTF8.GetBytes(exact);
        var actual = new byte[expected.Length];
        using var timeout = new CancellationTokenSource(Timeout);
        int read = await stream.ReadAtLeastAsync(actual, actual.Length, throwOnEndOfStream: false, timeout.Token);
        Assert.Equal(exact, Encoding.UTF8.GetString(actual, 0, read));
    }

    public async Task SendAsync(params string[] chunks)
    {
        var stream = await StreamAsync();
        foreach (var chunk in chunks)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(chunk));
            await stream.FlushAsync();
        }
    }

    /// <summary>Raw bytes, each chunk flushed on its own (to cut a UTF-8 character in two).</summary>
    public async Task SendBytesAsync(params byte[][] chunks)
    {
        var stream = await StreamAsync();
        foreach (var chunk in chunks)
        {
            await stream.WriteAsync(chunk);
            await stream.FlushAsync();
        }
    }

    /// <summary>Asserts the client sends nothing more and closes its side.</summary>
    public async Task ExpectEndAsync()
    {
        var stream = await StreamAsync();
        var buffer = new byte[256];
        using var timeout = new CancellationTokenSource(Timeout);
        int read = await stream.ReadAsync(buffer, timeout.Token);
        Assert.Equal(string.Empty, Encoding.UTF8.GetString(buffer, 0, read));
    }

    /// <summary>Closes our side cleanly (FIN), as a server does after its last line.</summary>
    public async Task CloseAsync()
    {
        await StreamAsync();
        var client = await _accepted;
        client.Client.Shutdown(SocketShutdown.Send);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        if (_accepted.IsCompletedSuccessfully)
        {
            (await _accepted).Dispose();
        }
    }

    // Cached: TcpClient.GetStream refuses once our side is shut down, but reading must still work then.
    private async Task<NetworkStream> StreamAsync() => _stream ??= (await _accepted.WaitAsync(Timeout)).GetStream();
}
