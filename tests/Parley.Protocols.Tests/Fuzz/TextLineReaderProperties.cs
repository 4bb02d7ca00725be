using CsCheck;

using Parley.Protocols.Tests.Json;
using Parley.Protocols.Text;

namespace Parley.Protocols.Tests.Fuzz;

/// <summary>Properties of the text dialects' line reader over generated streams (see <see cref="Property"/>).</summary>
public sealed class TextLineReaderProperties
{
    private const int MaxLine = 64;

    [Fact]
    public void Any_bytes_split_anywhere_give_the_same_frames_and_never_throw()
    {
        var gen = WireGen.Bytes.SelectMany(static bytes => WireGen.Cuts(bytes.Length).Select(cuts => (bytes, cuts)));
        Property.Check(gen, static input =>
        {
            var whole = ReaderDriver.ReadAll(new TextLineReader(MaxLine), Segments.Of(input.bytes));
            var split = ReaderDriver.Feed(new TextLineReader(MaxLine), input.bytes, input.cuts);
            Assert.Equal(Comparable(whole), Comparable(split));
            Assert.All(whole, static f => Assert.True(f.TooLong || WireGen.Utf8(f.Text).Length <= MaxLine * 3));
        });
    }

    [Fact]
    public void Any_bytes_fed_one_at_a_time_give_the_same_frames()
    {
        Property.Check(WireGen.Bytes, static bytes =>
            Assert.Equal(
                Comparable(ReaderDriver.ReadAll(new TextLineReader(MaxLine), Segments.Of(bytes))),
                Comparable(ReaderDriver.FeedBytewise(new TextLineReader(MaxLine), bytes))),
            corpus: 60);
    }

    // An oversize line reported before its terminator arrived cannot know it (TextLineReaderTests pins that a
    // whole one reports its own), so its framing is the one split-dependent field, and it carries no text.
    private static IEnumerable<TextFrame> Comparable(List<TextFrame> frames) =>
        frames.Select(static f => f.TooLong ? f with { Framing = TextFraming.Lf } : f);

    [Fact]
    public void Lines_written_with_either_terminator_read_back_exactly_and_one_oversize_line_does_not_desynchronise()
    {
        var line = WireGen.PrintableText.Where(static t => WireGen.Utf8(t).Length <= MaxLine);
        var gen = line.Array[1, 12].Select(Gen.Bool, Gen.Int[0, 12], static (lines, crlf, oversizeAt) => (lines, crlf, oversizeAt));
        Property.Check(gen, static input =>
        {
            var terminator = input.crlf ? "\r\n" : "\n";
            var written = input.lines.ToList();
            var oversize = input.oversizeAt < written.Count;
            if (oversize)
            {
                written.Insert(input.oversizeAt, new string('x', MaxLine * 3));
            }

            var bytes = WireGen.Utf8(string.Concat(written.Select(l => l + terminator)));
            var frames = ReaderDriver.Feed(new TextLineReader(MaxLine), bytes, [1, 7, bytes.Length / 2]);
            Assert.Equal(written.Count, frames.Count);
            Assert.Equal(input.lines, frames.Where(static f => !f.TooLong).Select(static f => f.Text));
            Assert.Equal(oversize ? 1 : 0, frames.Count(static f => f.TooLong));
        });
    }
}
