using System.Buffers;

namespace Parley.Protocols;

/// <summary>Writes one frame, framing included, into <paramref name="output"/>.</summary>
public interface IMessageWriter<in TFrame>
{
    void Write(TFrame frame, IBufferWriter<byte> output);
}
