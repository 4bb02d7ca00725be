using System.Buffers;

namespace Parley.Protocols.Tests.Json;

/// <summary>Builds ReadOnlySequence instances made of several segments, as a Pipe hands them over.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Of(params byte[][] parts)
    {
        var nonEmpty = parts.Where(static p => p.Length > 0).ToArray();
        if (nonEmpty.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(nonEmpty[0], 0);
        var last = first;
        foreach (var part in nonEmpty.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The bytes cut every <paramref name="size"/> bytes into separate segments.</summary>
    public static ReadOnlySequence<byte> Chunked(byte[] bytes, int size) => Of(bytes.Chunk(size).ToArray());

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
