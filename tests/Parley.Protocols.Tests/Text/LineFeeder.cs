using System.Buffers;

using Parley.Protocols.Text;

namespace Parley.Protocols.Tests.Text;

/// <summary>
/// Plays a pipe for a <see cref="TextLineReader"/>: bytes arrive in chunks and stay buffered (one segment per
/// chunk) until the reader consumes them; after a failed parse the reader must have examined everything, or a
/// real pipe would wake it again with nothing new.
/// </summary>
public sealed class LineFeeder(TextLineReader reader)
{
    private readonly List<ReadOnlyMemory<byte>> _buffered = [];

    public List<TextFrame> Frames { get; } = [];

    public long BufferedBytes => _buffered.Sum(m => (long)m.Length);

    public ReadOnlySequence<byte> Buffered => ChunkSegment.Sequence(_buffered);

    public static List<TextFrame> FeedAll(TextLineReader reader, IEnumerable<byte[]> chunks)
    {
        var feeder = new LineFeeder(reader);
        foreach (var chunk in chunks)
        {
            feeder.Feed(chunk);
        }

        return feeder.Frames;
    }

    public void Feed(ReadOnlyMemory<byte> chunk)
    {
        _buffered.Add(chunk);
        while (true)
        {
            var input = ChunkSegment.Sequence(_buffered);
            var consumed = input.Start;
            var examined = input.End;
            var parsed = reader.TryParse(input, ref consumed, ref examined, out var frame);
            Assert.True(input.Slice(input.Start, consumed).Length <= input.Slice(input.Start, examined).Length, "consumed is past examined");
            var rest = input.Slice(consumed);
            _buffered.Clear();
            foreach (var memory in rest)
            {
                if (!memory.IsEmpty)
                {
                    _buffered.Add(memory);
                }
            }

            if (!parsed)
            {
                Assert.True(input.Slice(examined).IsEmpty, "a failed parse must examine the whole buffer");
                return;
            }

            Frames.Add(frame);
        }
    }
}
