using System.Buffers;
using System.Text.Json;

namespace Parley.Protocols.Json;

/// <summary>
/// Cuts a byte stream of concatenated JSON values into top-level objects, whatever the whitespace between them
/// (newlines are not required: clients in the wild write objects back to back). Shared by the server's and
/// the client's readers; it only checks syntax and size, never meaning.
/// </summary>
/// <remarks>
/// The end of an object is found by Utf8JsonReader in non-final mode, which tracks strings, escapes and depth
/// and reports a syntax error as soon as the bytes seen cannot be JSON. An incomplete object is re-read from its
/// first byte when more data arrives; the size limit bounds that cost. After a syntax error or a stray
/// non-object byte, input is skipped up to the next newline (dropped) or '{' (kept), which may arrive later:
/// <see cref="_discarding"/> remembers that we are still skipping.
/// </remarks>
internal sealed class JsonObjectFramer
{
    private readonly int _maxFrameSize;
    private bool _discarding;

    public JsonObjectFramer(int maxFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, 2);
        _maxFrameSize = maxFrameSize;
    }

    public JsonFramingStatus TryFrame(
        in ReadOnlySequence<byte> input,
        ref SequencePosition consumed,
        ref SequencePosition examined,
        out ReadOnlySequence<byte> frame)
    {
        frame = default;
        var buffer = input;
        if (_discarding)
        {
            if (!TrySkipToResync(ref buffer))
            {
                consumed = examined = input.End;
                return JsonFramingStatus.NeedMoreData;
            }

            _discarding = false;
        }

        var whitespace = new SequenceReader<byte>(buffer);
        whitespace.AdvancePastAny(" \t\r\n"u8);
        buffer = buffer.Slice(whitespace.Position);
        if (buffer.IsEmpty)
        {
            consumed = examined = input.End;
            return JsonFramingStatus.NeedMoreData;
        }

        if (buffer.FirstSpan[0] != (byte)'{')
        {
            return Resync(input, buffer.Slice(1), ref consumed, ref examined);
        }

        var window = buffer.Length > _maxFrameSize ? buffer.Slice(0, _maxFrameSize) : buffer;
        var json = new Utf8JsonReader(window, isFinalBlock: false, state: default);
        try
        {
            while (json.Read())
            {
                if (json.TokenType == JsonTokenType.EndObject && json.CurrentDepth == 0)
                {
                    frame = buffer.Slice(0, json.BytesConsumed);
                    consumed = examined = frame.End;
                    return JsonFramingStatus.Frame;
                }
            }
        }
        catch (JsonException)
        {
            // BytesConsumed is the end of the last good token; skip at least the '{' so we always progress.
            return Resync(input, buffer.Slice(Math.Max(json.BytesConsumed, 1)), ref consumed, ref examined);
        }

        if (buffer.Length > _maxFrameSize)
        {
            // The caller should close now; should it read on, skip the rest of the giant frame as garbage.
            _discarding = true;
            consumed = examined = input.End;
            return JsonFramingStatus.Oversize;
        }

        consumed = buffer.Start;
        examined = input.End;
        return JsonFramingStatus.NeedMoreData;
    }

    private JsonFramingStatus Resync(
        in ReadOnlySequence<byte> input, ReadOnlySequence<byte> rest, ref SequencePosition consumed, ref SequencePosition examined)
    {
        if (TrySkipToResync(ref rest))
        {
            consumed = examined = rest.Start;
        }
        else
        {
            _discarding = true;
            consumed = examined = input.End;
        }

        return JsonFramingStatus.Malformed;
    }

    private static bool TrySkipToResync(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryAdvanceToAny("\n{"u8, advancePastDelimiter: false))
        {
            return false;
        }

        reader.TryPeek(out var found);
        if (found == (byte)'\n')
        {
            reader.Advance(1);
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }
}
