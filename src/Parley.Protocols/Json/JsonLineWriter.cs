using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Parley.Protocols.Json;

/// <summary>
/// A per-thread reusable Utf8JsonWriter and buffer for building one JSON line. Encoding happens on many
/// writer loops at once, so the scratch space is thread-static rather than locked; a rented instance is taken
/// out of the slot so that nested use on one thread gets its own.
/// </summary>
internal sealed class JsonLineWriter
{
    // Keep the scratch buffer across calls unless one huge line grew it: that one is left to the GC.
    private const int MaxRetainedCapacity = 16 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        // Non-ASCII text goes out as UTF-8, not \uXXXX: smaller, and readable with netcat. Quotes, backslashes and
        // control characters are still escaped, which is all JSON needs (the "unsafe" is about HTML embedding).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [ThreadStatic]
    private static JsonLineWriter? _cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(512);

    private JsonLineWriter() => Json = new Utf8JsonWriter(_buffer, Options);

    public Utf8JsonWriter Json { get; }

    public static JsonLineWriter Rent()
    {
        var line = _cached ?? new JsonLineWriter();
        _cached = null;
        line._buffer.ResetWrittenCount();
        line.Json.Reset(line._buffer);
        return line;
    }

    /// <summary>Finishes the line with '\n'; the span is valid until <see cref="Return"/>.</summary>
    public ReadOnlySpan<byte> Complete()
    {
        Json.Flush();
        _buffer.Write("\n"u8);
        return _buffer.WrittenSpan;
    }

    public void Return()
    {
        if (_buffer.Capacity <= MaxRetainedCapacity)
        {
            _cached = this;
        }
    }
}
