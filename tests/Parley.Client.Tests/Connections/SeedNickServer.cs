using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

using Parley.Client.Connections;

namespace Parley.Client.Tests.Connections;

/// <summary>
/// Seed 003's server.py, transcribed: for each client send b'NICK', take one recv(1024) as the nickname, broadcast
/// "{nick} joined!", then relay every recv(1024) as it came to every client (the sender too), with no framing.
/// What it receives is recorded, so tests can check the bytes each client sent.
/// </summary>
internal sealed class SeedNickServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _clients = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public SeedNickServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public ChatEndpoint Endpoint => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

    /// <summary>Every recv(), in order, as text; an empty string when a client closed.</summary>
    public Channel<string> Received { get; } = Channel.CreateUnbounded<string>();

    public async Task BroadcastAsync(string text)
    {
        Socket[] everyone;
        lock (_lock)
        {
            everyone = [.. _clients];
        }

        foreach (var client in everyone)
        {
            try
            {
                await client.SendAsync(Encoding.UTF8.GetBytes(text));
            }
            catch (SocketException)
            {
                // server.py drops the client in its except branch; so do we.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        lock (_lock)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }

        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stopping.Token);
            await client.SendAsync("NICK"u8.ToArray());
            var buffer = new byte[1024];
            int read = await client.ReceiveAsync(buffer, _stopping.Token);
            var nick = Encoding.UTF8.GetString(buffer, 0, read);
            Received.Writer.TryWrite(nick);
            lock (_lock)
            {
                _clients.Add(client);
            }

            await BroadcastAsync($"{nick} joined!");
            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        var buffer = new byte[1024];
        try
        {
            while (await client.ReceiveAsync(buffer, _stopping.Token) is var read and > 0)
            {
                var message = Encoding.UTF8.GetString(buffer, 0, read);
                Received.Writer.TryWrite(message);
                await BroadcastAsync(message);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        lock (_lock)
        {
            _clients.Remove(client);
        }

        Received.Writer.TryWrite(string.Empty);
    }
}
