using System.IO.Pipelines;

using BenchmarkDotNet.Attributes;

using Parley.Core.Events;
using Parley.Protocols.Text;
using Parley.Server.Connections;

namespace Parley.Benchmarks;

/// <summary>
/// One room broadcast to <see cref="Connections"/> idle connections through the connection core: each delivery
/// is <see cref="ConnectionOutput.TrySend"/> of the event's cached bytes (the inline fast path: copy into the
/// transport's pipe and flush). The "kernel" is the pipe's reader, emptied after every broadcast; the pipes rent
/// from a keeping pool (<see cref="BlockPool"/>) as Kestrel's do. Figures are per
/// delivery (OperationsPerInvoke); the budget for <see cref="Deliver_cached_event"/> is 0 bytes allocated.
/// </summary>
[MemoryDiagnoser]
public class FanOutBenchmarks
{
    private const int Connections = 1000;
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TextEventEncoder _encoder = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf);
    private readonly BlockPool _pool = new();
    private Pipe[] _pipes = [];
    private ConnectionOutput[] _outputs = [];
    private ChatEvent _cached = null!;
    private long _id;

    [GlobalSetup]
    public void Setup()
    {
        _pipes = new Pipe[Connections];
        _outputs = new ConnectionOutput[Connections];
        for (var i = 0; i < Connections; i++)
        {
            _pipes[i] = new Pipe(new PipeOptions(_pool, PipeScheduler.Inline, PipeScheduler.Inline, useSynchronizationContext: false));
            _outputs[i] = new ConnectionOutput(_pipes[i].Writer, TimeProvider.System, 256 * 1024, new SendPressure());
        }

        _cached = new MessagePosted(1, 0, "#general", "alice", new string('x', 32), Time);
        _cached.GetEncoded(_encoder);
    }

    /// <summary>Delivery of an event already encoded for this wire format (every recipient after the first).</summary>
    [Benchmark(OperationsPerInvoke = Connections)]
    public void Deliver_cached_event() => Broadcast(_cached);

    /// <summary>A new event per broadcast: encoded once (the first recipient), then shared. Allocation per delivery
    /// is the event, its cache slot and its bytes divided by the number of recipients.</summary>
    [Benchmark(OperationsPerInvoke = Connections)]
    public void Encode_once_and_deliver() => Broadcast(new MessagePosted(++_id, 0, "#general", "alice", "hello there, thirty-two bytes!!", Time));

    private void Broadcast(ChatEvent chatEvent)
    {
        for (var i = 0; i < _outputs.Length; i++)
        {
            _outputs[i].TrySend(chatEvent.GetEncoded(_encoder));
        }

        for (var i = 0; i < _pipes.Length; i++)
        {
            var reader = _pipes[i].Reader;
            if (reader.TryRead(out var result))
            {
                reader.AdvanceTo(result.Buffer.End);
            }
        }
    }
}
