using System.Buffers;
using System.Text;

namespace Parley.Protocols.Tests.Text;

/// <summary>Builds multi-segment sequences, one segment per chunk, as a pipe hands over bytes from several reads.</summary>
public sealed class ChunkSegment : ReadOnlySequenceSegment<byte>
{
    private ChunkSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Sequence(params string[] chunks) =>
        Sequence(chunks.Select(c => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(c)));

    public static ReadOnlySequence<byte> Sequence(IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        ChunkSegment? first = null;
        ChunkSegment? last = null;
        foreach (var chunk in chunks)
        {
            var segment = new ChunkSegment(chunk, last is null ? 0 : last.RunningIndex + last.Memory.Length);
            if (last is null)
            {
                first = segment;
            }
            else
            {
                last.Next = segment;
            }

            last = segment;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }
}
