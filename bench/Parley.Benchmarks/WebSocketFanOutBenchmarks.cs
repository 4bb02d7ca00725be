using System.IO.Pipelines;

using BenchmarkDotNet.Attributes;

using Parley.Core.Events;
using Parley.Protocols.Json;
using Parley.Server.Connections;
using Parley.Server.Web;

namespace Parley.Benchmarks;

/// <summary>
/// <see cref="FanOutBenchmarks"/> for WebSocket connections: one room broadcast to <see cref="Connections"/> idle
/// outputs of the connection core framed by <see cref="WebSocketFraming"/> (a text-frame header in front of the
/// event's cached JSON bytes). <see cref="Deliver_cached_event"/> writes into each connection's pipe directly;
/// <see cref="Deliver_cached_event_through_stream"/> goes the server's way, through the platform's
/// <see cref="PipeWriter.Create(Stream, StreamPipeWriterOptions)"/> over a stream on that pipe (Kestrel's upgraded
/// connection is such a stream). The "kernel" is the pipe's reader, emptied after every broadcast. Figures are per
/// delivery; the budget is 0 bytes allocated for a cached event.
/// </summary>
[MemoryDiagnoser]
public class WebSocketFanOutBenchmarks
{
    private const int Connections = 1000;
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly BlockPool _pool = new();
    private Pipe[] _pipes = [];
    private ConnectionOutput[] _direct = [];
    private ConnectionOutput[] _streamed = [];
    private ChatEvent _cached = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pipes = new Pipe[Connections * 2];
        _direct = new ConnectionOutput[Connections];
        _streamed = new ConnectionOutput[Connections];
        for (var i = 0; i < _pipes.Length; i++)
        {
            _pipes[i] = new Pipe(new PipeOptions(_pool, PipeScheduler.Inline, PipeScheduler.Inline, useSynchronizationContext: false));
        }

        for (var i = 0; i < Connections; i++)
        {
            var writer = _pipes[i].Writer;
            _direct[i] = new ConnectionOutput(writer, TimeProvider.System, 256 * 1024, new SendPressure(), new WebSocketFraming(writer));
            var streamed = PipeWriter.Create(_pipes[Connections + i].Writer.AsStream(), new StreamPipeWriterOptions(_pool, leaveOpen: true));
            _streamed[i] = new ConnectionOutput(streamed, TimeProvider.System, 256 * 1024, new SendPressure(), new WebSocketFraming(streamed));
        }

        _cached = new MessagePosted(1, 0, "#general", "alice", new string('x', 32), Time);
        _cached.GetEncoded(JsonEventEncoder.Instance);
    }

    /// <summary>A cached event framed into each connection's pipe.</summary>
    [Benchmark(OperationsPerInvoke = Connections)]
    public void Deliver_cached_event() => Broadcast(_direct, 0);

    /// <summary>The same through a stream writer, as the server writes an upgraded connection.</summary>
    [Benchmark(OperationsPerInvoke = Connections)]
    public void Deliver_cached_event_through_stream() => Broadcast(_streamed, Connections);

    private void Broadcast(ConnectionOutput[] outputs, int firstPipe)
    {
        var bytes = _cached.GetEncoded(JsonEventEncoder.Instance);
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i].TrySend(bytes);
        }

        for (var i = 0; i < outputs.Length; i++)
        {
            var reader = _pipes[firstPipe + i].Reader;
            if (reader.TryRead(out var result))
            {
                reader.AdvanceTo(result.Buffer.End);
            }
        }
    }
}
