using System.Buffers;
using System.Text;

using BenchmarkDotNet.Attributes;

using Parley.Core.Events;
using Parley.Protocols.Json;
using Parley.Protocols.Text;

namespace Parley.Benchmarks;

/// <summary>Encoding one event per wire format (done once per event, not per delivery) and parsing one frame.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly MessagePosted _message = new(17, 3, "#general", "alice", "hello there, thirty-two bytes!!", Time);
    private readonly TextEventEncoder _text = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf);
    private readonly TextLineReader _lineReader = new(4096);
    private readonly JsonFrameReader _jsonReader = new();
    private readonly ReadOnlySequence<byte> _line = new(Encoding.UTF8.GetBytes("alice: hello there, thirty-two bytes!!\n"));
    private readonly ReadOnlySequence<byte> _json = new(Encoding.UTF8.GetBytes("""{"seq": 0, "user": "alice", "message": "hello there, thirty-two bytes!!"}""" + "\n"));

    [Benchmark]
    public ReadOnlyMemory<byte> Encode_text_line() => _text.Encode(_message);

    [Benchmark]
    public ReadOnlyMemory<byte> Encode_json() => JsonEventEncoder.Instance.Encode(_message);

    [Benchmark]
    public bool Parse_text_line()
    {
        var consumed = _line.Start;
        var examined = _line.End;
        return _lineReader.TryParse(_line, ref consumed, ref examined, out _);
    }

    [Benchmark]
    public bool Parse_json_frame()
    {
        var consumed = _json.Start;
        var examined = _json.End;
        return _jsonReader.TryParse(_json, ref consumed, ref examined, out _);
    }
}
