using System.Buffers;
using System.Text;

using Parley.Protocols.Text;

namespace Parley.Protocols.Tests.Text;

public sealed class TextLineReaderTests
{
    private const int Max = 16;
    private const string TooLong = "<too long>";

    private static readonly (string Input, string[] Frames)[] Cases =
    [
        ("", []),
        ("hel", []),
        ("hello\n", ["hello/Lf"]),
        ("hello\r\n", ["hello/CrLf"]),
        ("\n\r\n", ["/Lf", "/CrLf"]),
        ("one\ntwo\r\nthree\nfour", ["one/Lf", "two/CrLf", "three/Lf"]),
        ("a\rb\n", ["a\rb/Lf"]),
        ("\ttab  blank \r\n", ["\ttab  blank /CrLf"]),
        ("héllo ✓\n", ["héllo ✓/Lf"]),
        ("sixteen-bytes-ok\n", ["sixteen-bytes-ok/Lf"]),
        ("sixteen-bytes-ok\r\n", ["sixteen-bytes-ok/CrLf"]),
        ("seventeen-bytes-x\nnext\n", [TooLong, "next/Lf"]),
        ("seventeen-bytes-x\r\nnext\r\n", [TooLong, "next/CrLf"]),
        (new string('x', 100) + "\nok\n", [TooLong, "ok/Lf"]),
        (new string('x', 40) + "\n" + new string('y', 40) + "\r\nok\n", [TooLong, TooLong, "ok/Lf"]),
        ("ok\n" + new string('z', 30), ["ok/Lf", TooLong]),
        ("ok\n" + new string('z', 17), ["ok/Lf"]),
    ];

    public static TheoryData<string, int, string[]> Chunked()
    {
        var data = new TheoryData<string, int, string[]>();
        foreach (var (input, frames) in Cases)
        {
            foreach (var chunkSize in new[] { int.MaxValue, 1, 2, 3, 7 })
            {
                data.Add(input, chunkSize, frames);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chunked))]
    public void Frames_do_not_depend_on_how_the_bytes_arrive(string input, int chunkSize, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(input);

        var frames = LineFeeder.FeedAll(new TextLineReader(Max), bytes.Chunk(Math.Min(chunkSize, Math.Max(bytes.Length, 1))));

        Assert.Equal(expected, frames.Select(Show));
    }

    [Theory]
    [InlineData("")]
    [InlineData("partial")]
    [InlineData("partial\r")]
    public void Without_a_newline_nothing_is_consumed_and_everything_is_examined(string text)
    {
        var input = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text));
        var consumed = input.Start;
        var examined = input.Start;

        Assert.False(new TextLineReader(Max).TryParse(input, ref consumed, ref examined, out _));

        Assert.Equal(input.Start, consumed);
        Assert.Equal(input.End, examined);
    }

    [Fact]
    public void A_frame_is_consumed_and_examined_just_past_its_newline()
    {
        var input = new ReadOnlySequence<byte>("one\r\ntwo\n"u8.ToArray());
        var consumed = input.Start;
        var examined = input.End;

        Assert.True(new TextLineReader(Max).TryParse(input, ref consumed, ref examined, out var frame));

        Assert.Equal(new TextFrame("one", TextFraming.CrLf, false), frame);
        Assert.Equal(input.GetPosition(5), consumed);
        Assert.Equal(consumed, examined);
    }

    [Fact]
    public void Lines_split_across_segments_are_read_whole()
    {
        var reader = new TextLineReader(Max);
        var input = ChunkSegment.Sequence("he", "llo\r", "\nwor", "ld", "\n", "rest");
        var frames = new List<TextFrame>();
        var consumed = input.Start;
        var examined = input.End;

        while (reader.TryParse(input.Slice(consumed), ref consumed, ref examined, out var frame))
        {
            frames.Add(frame);
        }

        Assert.Equal([new TextFrame("hello", TextFraming.CrLf, false), new TextFrame("world", TextFraming.Lf, false)], frames);
        Assert.Equal("rest", Encoding.UTF8.GetString(input.Slice(consumed).ToArray()));
    }

    [Fact]
    public void A_character_split_across_segments_is_decoded_whole()
    {
        var input = ChunkSegment.Sequence([new byte[] { (byte)'a', 0xC3 }, new byte[] { 0xA9, 0xE2, 0x9C }, new byte[] { 0x93, (byte)'\n' }]);
        var consumed = input.Start;
        var examined = input.End;

        Assert.True(new TextLineReader(Max).TryParse(input, ref consumed, ref examined, out var frame));

        Assert.Equal("aé✓", frame.Text);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', 0xFF, (byte)'b', (byte)'\n' }, "a\uFFFDb")]
    [InlineData(new byte[] { 0xC3, (byte)'\n' }, "\uFFFD")]
    [InlineData(new byte[] { 0xC0, 0x80, (byte)'\r', (byte)'\n' }, "\uFFFD\uFFFD")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80, (byte)'\n' }, "\uFFFD\uFFFD\uFFFD")]
    public void Invalid_utf8_is_replaced_not_fatal(byte[] bytes, string expected)
    {
        var frames = LineFeeder.FeedAll(new TextLineReader(Max), [bytes]);

        Assert.Equal(expected, Assert.Single(frames).Text);
    }

    [Fact]
    public void An_oversize_line_reports_its_own_framing_when_it_arrives_whole()
    {
        var frames = LineFeeder.FeedAll(new TextLineReader(Max), [Encoding.UTF8.GetBytes(new string('x', 20) + "\r\n")]);

        Assert.Equal(new TextFrame(string.Empty, TextFraming.CrLf, true), Assert.Single(frames));
    }

    [Fact]
    public void An_oversize_line_still_arriving_is_reported_once_and_not_buffered()
    {
        var feeder = new LineFeeder(new TextLineReader(Max));

        feeder.Feed(Encoding.UTF8.GetBytes(new string('a', 26)));
        Assert.Equal([TooLong], feeder.Frames.Select(Show));
        Assert.Equal(0, feeder.BufferedBytes);

        for (var i = 0; i < 50; i++)
        {
            feeder.Feed(Encoding.UTF8.GetBytes("0123456789"));
            Assert.InRange(feeder.BufferedBytes, 0, Max + 1 + 10);
        }

        feeder.Feed("tail\nok\n"u8.ToArray());

        Assert.Equal([TooLong, "ok/Lf"], feeder.Frames.Select(Show));
        Assert.Equal(0, feeder.BufferedBytes);
    }

    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("hello\r\n", "hello")]
    [InlineData("hello\n", "hello")]
    [InlineData("hello\r", "hello")]
    [InlineData("  spaced  ", "  spaced  ")]
    [InlineData("", "")]
    [InlineData("sixteen-bytes-ok", "sixteen-bytes-ok")]
    [InlineData("sixteen-bytes-ok\r\n", "sixteen-bytes-ok")]
    public void TakeBurst_takes_everything_as_one_unframed_message(string burst, string expected)
    {
        var frame = new TextLineReader(Max).TakeBurst(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(burst)));

        Assert.Equal(new TextFrame(expected, TextFraming.Unframed, false), frame);
    }

    [Theory]
    [InlineData("seventeen-bytes-x")]
    [InlineData("seventeen-bytes-x\r\n")]
    public void TakeBurst_reports_an_oversize_burst(string burst)
    {
        var frame = new TextLineReader(Max).TakeBurst(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(burst)));

        Assert.Equal(new TextFrame(string.Empty, TextFraming.Unframed, true), frame);
    }

    [Fact]
    public void TakeBurst_reads_a_multi_segment_burst_with_invalid_bytes()
    {
        var burst = ChunkSegment.Sequence([new byte[] { (byte)'h', 0xC3 }, new byte[] { 0xA9, 0xFF, (byte)'!' }]);

        Assert.Equal("hé\uFFFD!", new TextLineReader(Max).TakeBurst(burst).Text);
    }

    [Fact]
    public void TakeBurst_drops_the_tail_of_an_oversize_burst_already_reported_then_reads_the_next()
    {
        var reader = new TextLineReader(Max);
        var feeder = new LineFeeder(reader);
        feeder.Feed(Encoding.UTF8.GetBytes(new string('a', 20)));
        feeder.Feed("tail"u8.ToArray());

        var tail = reader.TakeBurst(feeder.Buffered);
        var next = reader.TakeBurst(new ReadOnlySequence<byte>("next"u8.ToArray()));

        Assert.Equal([TooLong], feeder.Frames.Select(Show));
        Assert.Equal(new TextFrame(string.Empty, TextFraming.Unframed, false), tail);
        Assert.Equal(new TextFrame("next", TextFraming.Unframed, false), next);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("abc", true)]
    [InlineData("abc\r", true)]
    [InlineData("abc\n", false)]
    [InlineData("abc\ndef", false)]
    public void HasPartial_means_bytes_without_a_newline(string buffered, bool expected)
    {
        Assert.Equal(expected, TextLineReader.HasPartial(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(buffered))));
    }

    private static string Show(TextFrame frame) => frame.TooLong ? TooLong : $"{frame.Text}/{frame.Framing}";
}
