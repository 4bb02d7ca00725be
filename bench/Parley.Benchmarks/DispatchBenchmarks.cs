using System.IO.Pipelines;

using BenchmarkDotNet.Attributes;

using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Protocols.Text;
using Parley.Server.Connections;

namespace Parley.Benchmarks;

/// <summary>
/// The room fan-out path as the server runs it: <see cref="ChatHub.Say"/> → the room's <see cref="RoomDispatcher"/>
/// → each member's sink → <see cref="ConnectionOutput"/> over an in-memory pipe (emptied after every round, as in
/// <see cref="FanOutBenchmarks"/>). <see cref="Deliver_cached_batch"/> is one dispatcher batch of 8 cached events
/// per recipient (one write, one flush each). Figures are per delivery (one event to one recipient).
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private const int Connections = 1000;
    private const int Batch = 8;
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TextEventEncoder _encoder = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf);
    private readonly BlockPool _pool = new();
    private readonly ChatEvent[] _batch = new ChatEvent[Batch];
    private Pipe[] _pipes = [];
    private ConnectionOutput[] _outputs = [];
    private ChatHub _hub = null!;
    private Member _sender = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Every message delivered within the call (no fan-out interval), so that each invocation measures its own work.
        _hub = new ChatHub(new HubOptions { FanOutInterval = TimeSpan.Zero }, TimeProvider.System, NullLogger<ChatHub>.Instance);
        _pipes = new Pipe[Connections + 1];
        _outputs = new ConnectionOutput[Connections + 1];
        for (var i = 0; i <= Connections; i++)
        {
            _pipes[i] = new Pipe(new PipeOptions(_pool, PipeScheduler.Inline, PipeScheduler.Inline, useSynchronizationContext: false));
            _outputs[i] = new ConnectionOutput(_pipes[i].Writer, TimeProvider.System, 256 * 1024, new SendPressure());
            _hub.TryRegister($"m{i}", "text", "127.0.0.1", false, new OutputSink(_outputs[i], _encoder), out var member);
            _sender = member!;
        }

        for (var i = 0; i < Batch; i++)
        {
            _batch[i] = new MessagePosted(i, i, "#general", "alice", new string('x', 32), Time);
            _batch[i].GetEncoded(_encoder);
        }

        Drain();
    }

    /// <summary>One message posted to a room of 1,001 (the sender does not get it): a new event, numbered, queued,
    /// dispatched, encoded once and written to 1,000 connections.</summary>
    [Benchmark(OperationsPerInvoke = Connections)]
    public void Say_to_room()
    {
        _hub.Say(_sender, null, "hello there, thirty-two bytes!!", null, out _);
        Drain();
    }

    /// <summary>A dispatcher batch of 8 cached events to each of 1,000 connections as one write and one flush each.</summary>
    [Benchmark(OperationsPerInvoke = Connections * Batch)]
    public void Deliver_cached_batch()
    {
        for (var i = 0; i < Connections; i++)
        {
            _outputs[i].TrySendMany(_batch, _encoder);
        }

        Drain();
    }

    private void Drain()
    {
        foreach (var pipe in _pipes)
        {
            if (pipe.Reader.TryRead(out var result))
            {
                pipe.Reader.AdvanceTo(result.Buffer.End);
            }
        }
    }
}
