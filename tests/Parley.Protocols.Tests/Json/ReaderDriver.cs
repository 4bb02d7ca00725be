using System.Buffers;

namespace Parley.Protocols.Tests.Json;

/// <summary>
/// Plays a connection's read loop against a reader: bytes arrive in chunks, consumed bytes are dropped, and the
/// consumed/examined contract is checked at every call (examined is the end of the data whenever more is needed).
/// </summary>
internal static class ReaderDriver
{
    public static List<T> ReadAll<T>(IMessageReader<T> reader, in ReadOnlySequence<byte> input)
    {
        var frames = new List<T>();
        var buffer = input;
        while (true)
        {
            var consumed = buffer.Start;
            var examined = buffer.End;
            if (!reader.TryParse(buffer, ref consumed, ref examined, out var frame))
            {
                Assert.Equal(buffer.End, examined);
                return frames;
            }

            Assert.NotEqual(buffer.GetOffset(buffer.Start), buffer.GetOffset(consumed));
            frames.Add(frame);
            buffer = buffer.Slice(consumed);
        }
    }

    /// <summary>Feeds <paramref name="bytes"/> in pieces cut at <paramref name="cuts"/> (offsets), like TCP reads.</summary>
    public static List<T> Feed<T>(IMessageReader<T> reader, byte[] bytes, IEnumerable<int> cuts)
    {
        var frames = new List<T>();
        var pending = new List<byte>();
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length).Where(c => c > 0 && c <= bytes.Length).Distinct().Order())
        {
            // Each read hands the reader the unconsumed rest plus the new bytes, in two segments as a Pipe may.
            var buffer = Segments.Of(pending.ToArray(), bytes[start..cut]);
            pending.AddRange(bytes[start..cut]);
            start = cut;
            while (true)
            {
                var consumed = buffer.Start;
                var examined = buffer.End;
                var parsed = reader.TryParse(buffer, ref consumed, ref examined, out var frame);
                var used = (int)buffer.Slice(0, consumed).Length;
                pending.RemoveRange(0, used);
                buffer = buffer.Slice(consumed);
                if (!parsed)
                {
                    Assert.Equal(buffer.End, examined);
                    break;
                }

                Assert.True(used > 0, "A parsed frame must consume bytes.");
                frames.Add(frame);
            }
        }

        return frames;
    }

    public static List<T> FeedBytewise<T>(IMessageReader<T> reader, byte[] bytes) =>
        Feed(reader, bytes, Enumerable.Range(1, bytes.Length));
}
