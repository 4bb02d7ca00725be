using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A seed client's listening socket (chat5.py): the address it registers with subscribe. It accepts any number
/// of connections and records every line received, with how many connections it has accepted. With
/// <c>oneRecvPerConnection</c> it behaves like the naive seed listener: accept, one recv(), close.
/// </summary>
public sealed class SeedListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _oneRecvPerConnection;
    private readonly Task _acceptLoop;
    private int _accepted;

    public SeedListener(bool oneRecvPerConnection = false)
    {
        _oneRecvPerConnection = oneRecvPerConnection;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Address => $"127.0.0.1:{Port}";

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Sizes of every recv() in one-recv mode, to check that each message came in its own.</summary>
    public List<string> Receives { get; } = [];

    public async Task<string> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? RawClient.DefaultTimeout);
        return await _lines.Reader.ReadAsync(deadline.Token);
    }

    /// <summary>A line already received, without waiting.</summary>
    public bool TryRead(out string? line) => _lines.Reader.TryRead(out line);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _accepted);
            _ = ReadAsync(client);
        }
    }

    private async Task ReadAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[64 * 1024];
            var pending = new StringBuilder();
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    var text = Encoding.UTF8.GetString(buffer, 0, read);
                    pending.Append(text);
                    var all = pending.ToString();
                    var end = all.LastIndexOf('\n');
                    if (end >= 0)
                    {
                        foreach (var line in all[..end].Split('\n'))
                        {
                            _lines.Writer.TryWrite(line);
                        }

                        pending.Remove(0, end + 1);
                    }

                    if (_oneRecvPerConnection)
                    {
                        lock (Receives)
                        {
                            Receives.Add(text);
                        }

                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
