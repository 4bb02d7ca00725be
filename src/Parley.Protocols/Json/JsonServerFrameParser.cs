using System.Buffers;

namespace Parley.Protocols.Json;

/// <summary>
/// Reads server → client frames (and a peer's seed messages) with the same framing rules as
/// <see cref="JsonFrameReader"/>: objects with or without newlines between them, resynchronisation after
/// garbage, a size limit. A frame that cannot be read comes back with <see cref="ServerFrame.FrameError"/> set.
/// One instance per connection.
/// </summary>
public sealed class JsonServerFrameParser : IMessageReader<ServerFrame>
{
    private readonly JsonObjectFramer _framer;

    public JsonServerFrameParser(int maxFrameSize = JsonProtocol.DefaultMaxFrameSize) =>
        _framer = new JsonObjectFramer(maxFrameSize);

    public bool TryParse(
        in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out ServerFrame frame)
    {
        switch (_framer.TryFrame(input, ref consumed, ref examined, out var bytes))
        {
            case JsonFramingStatus.Frame:
                frame = ServerFrameParser.Parse(bytes);
                return true;
            case JsonFramingStatus.Malformed:
                frame = new ServerFrame { Type = ServerFrameType.Unknown, FrameError = JsonFrameErrorKind.Malformed };
                return true;
            case JsonFramingStatus.Oversize:
                frame = new ServerFrame { Type = ServerFrameType.Unknown, FrameError = JsonFrameErrorKind.Oversize };
                return true;
            default:
                frame = null!;
                return false;
        }
    }
}
