using System.Buffers;
using System.Text;

using Parley.Client.Connections;

namespace Parley.Client.Tests.Connections;

public sealed class LineFrameReaderTests
{
    [Fact]
    public void ReadsMergedLinesAndDropsCarriageReturns()
    {
        Assert.Equal(["@bob: hi", "bob joined!", ""], ReadAll(new LineFrameReader(), "@bob: hi\r\nbob joined!\n\n"u8.ToArray()));
    }

    [Fact]
    public void WaitsForTheNewlineOfAPartialLine()
    {
        var reader = new LineFrameReader();
        var input = new ReadOnlySequence<byte>("@bob: hal"u8.ToArray());
        var consumed = input.Start;
        var examined = input.Start;
        Assert.False(reader.TryParse(input, ref consumed, ref examined, out _));
        Assert.Equal(input.Start, consumed);
        Assert.Equal(input.End, examined);
        Assert.False(reader.IsOversized);
    }

    [Fact]
    public void ReadsAcrossSegmentsByteByByte()
    {
        var bytes = Encoding.UTF8.GetBytes("@zoë: ça va?\r\nnext\n");
        Assert.Equal(["@zoë: ça va?", "next"], ReadAll(new LineFrameReader(), bytes.Select(b => new[] { b }).ToArray()));
    }

    [Fact]
    public void ReplacesInvalidUtf8()
    {
        Assert.Equal(["a\uFFFDb"], ReadAll(new LineFrameReader(), [(byte)'a', 0xFF, (byte)'b', (byte)'\n']));
    }

    [Fact]
    public void FlagsAnOversizedLineWithOrWithoutItsNewline()
    {
        var reader = new LineFrameReader(maxLineBytes: 8);
        var input = new ReadOnlySequence<byte>("123456789"u8.ToArray());
        var consumed = input.Start;
        var examined = input.Start;
        Assert.False(reader.TryParse(input, ref consumed, ref examined, out _));
        Assert.True(reader.IsOversized);

        var complete = new LineFrameReader(maxLineBytes: 8);
        input = new ReadOnlySequence<byte>("123456789\n"u8.ToArray());
        Assert.False(complete.TryParse(input, ref consumed, ref examined, out _));
        Assert.True(complete.IsOversized);
    }

    /// <summary>Feeds the chunks one at a time, as a pipe would, keeping unconsumed bytes.</summary>
    private static List<string> ReadAll(LineFrameReader reader, params byte[][] chunks)
    {
        var lines = new List<string>();
        var pending = new List<byte[]>();
        foreach (var chunk in chunks)
        {
            pending.Add(chunk);
            var input = Segments.Create(pending);
            var consumed = input.Start;
            var examined = input.Start;
            while (reader.TryParse(input, ref consumed, ref examined, out var line))
            {
                lines.Add(line);
                input = input.Slice(consumed);
                consumed = input.Start;
            }

            pending = [input.ToArray()];
        }

        return lines;
    }
}
