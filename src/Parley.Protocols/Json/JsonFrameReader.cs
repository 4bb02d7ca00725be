using System.Buffers;

namespace Parley.Protocols.Json;

/// <summary>
/// Reads client → server frames of the JSON-lines protocol: JSON objects, with or without newlines between
/// them. One instance per connection (it remembers a resynchronisation in progress). Every call that returns
/// true yields either a request or an error frame; on <see cref="JsonFrameErrorKind.Oversize"/> the caller
/// must close the connection, on the other errors it reports and carries on.
/// </summary>
public sealed class JsonFrameReader : IMessageReader<JsonFrame>
{
    private readonly JsonObjectFramer _framer;

    public JsonFrameReader(int maxFrameSize = JsonProtocol.DefaultMaxFrameSize)
    {
        _framer = new JsonObjectFramer(maxFrameSize);
        MaxFrameSize = maxFrameSize;
    }

    public int MaxFrameSize { get; }

    public bool TryParse(
        in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out JsonFrame frame)
    {
        switch (_framer.TryFrame(input, ref consumed, ref examined, out var bytes))
        {
            case JsonFramingStatus.Frame:
                frame = ClientRequestParser.Parse(bytes);
                return true;
            case JsonFramingStatus.Malformed:
                frame = JsonFrame.FromError(JsonFrameErrorKind.Malformed, JsonFrameErrors.Malformed);
                return true;
            case JsonFramingStatus.Oversize:
                frame = JsonFrame.FromError(JsonFrameErrorKind.Oversize, JsonFrameErrors.Oversize(MaxFrameSize));
                return true;
            default:
                frame = default;
                return false;
        }
    }
}
