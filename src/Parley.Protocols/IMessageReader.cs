using System.Buffers;

namespace Parley.Protocols;

/// <summary>
/// Finds one frame in buffered input. Contract (as Bedrock's IMessageReader): on success <paramref name="consumed"/>
/// is just past the frame; on failure <paramref name="examined"/> says how far the reader looked so the caller
/// waits for more bytes. Readers hold no socket and may keep per-connection state (resynchronisation, limits).
/// </summary>
public interface IMessageReader<TFrame>
{
    bool TryParse(in ReadOnlySequence<byte> input, ref SequencePosition consumed, ref SequencePosition examined, out TFrame frame);
}
