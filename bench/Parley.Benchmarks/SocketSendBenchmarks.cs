using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

using BenchmarkDotNet.Attributes;

using Parley.Core.Events;
using Parley.Protocols.Text;
using Parley.Server.Connections;
using Parley.Server.Transport;

namespace Parley.Benchmarks;

/// <summary>
/// The last step of a delivery as the server runs it on a plain TCP connection: <see cref="ConnectionOutput"/> over a
/// <see cref="SocketPipeWriter"/> (one non-blocking send(2) per flush) on real loopback sockets, whose far ends are
/// read empty after each round. <see cref="Send_cached_event"/> is one event per connection per round (one system
/// call each); <see cref="Send_cached_batch"/> is a dispatcher batch of 8 (still one system call each). Figures are
/// per delivery; the allocation column is the point (budget: 0 B).
/// </summary>
[MemoryDiagnoser]
public class SocketSendBenchmarks
{
    private const int Connections = 64;
    private const int Batch = 8;
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TextEventEncoder _encoder = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf);
    private readonly ChatEvent[] _batch = new ChatEvent[Batch];
    private readonly byte[] _sink = new byte[256 * 1024];
    private Socket[] _servers = [];
    private Socket[] _clients = [];
    private ConnectionOutput[] _outputs = [];

    [GlobalSetup]
    public void Setup()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(Connections);
        _servers = new Socket[Connections];
        _clients = new Socket[Connections];
        _outputs = new ConnectionOutput[Connections];
        for (var i = 0; i < Connections; i++)
        {
            _clients[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            _clients[i].Connect(listener.LocalEndPoint!);
            _servers[i] = listener.Accept();
            _servers[i].NoDelay = true;
            var unused = new Pipe();
            _outputs[i] = new ConnectionOutput(new SocketPipeWriter(_servers[i], unused.Writer), TimeProvider.System, 256 * 1024, new SendPressure());
        }

        for (var i = 0; i < Batch; i++)
        {
            _batch[i] = new MessagePosted(i, i, "#general", "alice", new string('x', 32), Time);
            _batch[i].GetEncoded(_encoder);
        }

        Drain();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var socket in _servers.Concat(_clients))
        {
            socket.Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = Connections)]
    public void Send_cached_event()
    {
        var bytes = _batch[0].GetEncoded(_encoder);
        foreach (var output in _outputs)
        {
            output.TrySend(bytes);
        }

        Drain();
    }

    [Benchmark(OperationsPerInvoke = Connections * Batch)]
    public void Send_cached_batch()
    {
        foreach (var output in _outputs)
        {
            output.TrySendMany(_batch, _encoder);
        }

        Drain();
    }

    private void Drain()
    {
        foreach (var client in _clients)
        {
            while (client.Available > 0)
            {
                client.Receive(_sink);
            }
        }
    }
}
