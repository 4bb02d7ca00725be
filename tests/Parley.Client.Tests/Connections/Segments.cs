using System.Buffers;

namespace Parley.Client.Tests.Connections;

/// <summary>Builds a multi-segment <see cref="ReadOnlySequence{T}"/>, one segment per array.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(byte[] bytes, long runningIndex)
    {
        Memory = bytes;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Create(IReadOnlyList<byte[]> parts)
    {
        var first = new Segments(parts[0], 0);
        var last = first;
        for (int i = 1; i < parts.Count; i++)
        {
            var next = new Segments(parts[i], last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
