using System.Text;

using CsCheck;

using Parley.Protocols.Irc;
using Parley.Protocols.Tests.Json;

namespace Parley.Protocols.Tests.Fuzz;

/// <summary>
/// Properties of the IRC client-line reader (<see cref="IrcLineReader"/>): random and mutated bytes, every split,
/// the 512-byte line and 8191-byte tag limits at and around their edges, and very long lines that must cost one
/// ERR_INPUTTOOLONG each and never the lines after them.
/// </summary>
public sealed class IrcLineReaderProperties
{
    private static readonly Gen<byte> IrcByte = Gen.Frequency(
        (5, Gen.Byte),
        (3, Gen.OneOf((byte)'\n', (byte)'\r', (byte)' ', (byte)':', (byte)'@', (byte)';', (byte)'=', (byte)'#', (byte)'!', (byte)0)),
        (3, Gen.Byte[(byte)'A', (byte)'Z']));

    private static readonly Gen<byte[]> IrcBytes = IrcByte.Array[0, 1500];

    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789#&-_[]{}|^é"], 1, 12];

    /// <summary>A well-formed client line without its CR LF (optional tags and source, a command, up to 6 middle
    /// parameters, maybe a trailing one), and how <see cref="Describe"/> shows it once read.</summary>
    private static readonly Gen<(string Line, string Read)> ValidLine = Gen.Select(
        Gen.Bool, Gen.Bool, Gen.OneOf("PRIVMSG", "NOTICE", "JOIN", "PART", "PING", "NICK", "MODE", "privmsg", "001"), Word.Array[0, 6], Gen.Bool,
        static (tags, source, command, words, trailing) =>
        {
            const string Tags = "time=2026-11-28T00:00:00.000Z;+draft/x=a\\sb";
            const string Source = "nick!user@host";
            const string Trailing = "trailing text, with spaces :)";
            var line = (tags ? "@" + Tags + " " : string.Empty) + (source ? ":" + Source + " " : string.Empty) + command
                + string.Concat(words.Select(static w => " " + w)) + (trailing ? " :" + Trailing : string.Empty);
            string[] fields = [command.ToUpperInvariant(), .. words, .. trailing ? [Trailing] : Array.Empty<string>()];
            var read = !tags && !source ? string.Join('|', fields) : $"@{(tags ? Tags : null)} :{(source ? Source : null)} " + string.Join('|', fields);
            return (line, read);
        });

    /// <summary>A valid line with 1–4 random edits (overwrite, insert, delete a byte), CR LF appended.</summary>
    private static readonly Gen<byte[]> MutatedLine = ValidLine.Select(
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 10_000], IrcByte).Array[1, 4],
        static (valid, edits) =>
        {
            var bytes = new List<byte>(Encoding.UTF8.GetBytes(valid.Line));
            foreach (var (kind, at, value) in edits)
            {
                var i = at % (bytes.Count + 1);
                switch (kind)
                {
                    case 0 when i < bytes.Count: bytes[i] = value; break;
                    case 1: bytes.Insert(i, value); break;
                    case 2 when i < bytes.Count: bytes.RemoveAt(i); break;
                }
            }

            bytes.AddRange("\r\n"u8);
            return bytes.ToArray();
        });

    [Fact]
    public void Any_bytes_split_anywhere_give_the_same_lines_and_never_throw()
    {
        var gen = IrcBytes.SelectMany(static bytes => WireGen.Cuts(bytes.Length).Select(cuts => (bytes, cuts)));
        Property.Check(gen, static input =>
        {
            var whole = ReaderDriver.ReadAll(new IrcLineReader(), Segments.Of(input.bytes));
            Assert.Equal(whole.Select(Describe), ReaderDriver.Feed(new IrcLineReader(), input.bytes, input.cuts).Select(Describe));
            Assert.All(whole, AssertWellFormed);
        });
    }

    [Fact]
    public void Any_bytes_fed_one_at_a_time_give_the_same_lines()
    {
        Property.Check(IrcBytes, static bytes =>
            Assert.Equal(
                ReaderDriver.ReadAll(new IrcLineReader(), Segments.Of(bytes)).Select(Describe),
                ReaderDriver.FeedBytewise(new IrcLineReader(), bytes).Select(Describe)),
            corpus: 40);
    }

    [Fact]
    public void Mutated_lines_never_throw_and_parse_the_same_however_split()
    {
        var gen = MutatedLine.Array[1, 6].Select(static lines => lines.SelectMany(static l => l).ToArray())
            .SelectMany(static bytes => WireGen.Cuts(bytes.Length).Select(cuts => (bytes, cuts)));
        Property.Check(gen, static input =>
        {
            var whole = ReaderDriver.ReadAll(new IrcLineReader(), Segments.Of(input.bytes));
            Assert.Equal(whole.Select(Describe), ReaderDriver.Feed(new IrcLineReader(), input.bytes, input.cuts).Select(Describe));
            Assert.All(whole, AssertWellFormed);
            Assert.DoesNotContain(whole, static l => l.Error == IrcLineError.TooLong);
        });
    }

    [Fact]
    public void Valid_lines_read_back_field_for_field_with_either_terminator_however_split()
    {
        var gen = Gen.Select(ValidLine.Array[1, 10], Gen.Bool, Gen.Int[0, 2000].Array[0, 10], static (lines, crlf, cuts) => (lines, crlf, cuts));
        Property.Check(gen, static input =>
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(input.lines.Select(l => l.Line + (input.crlf ? "\r\n" : "\n"))));
            var frames = ReaderDriver.Feed(new IrcLineReader(), bytes, input.cuts);
            Assert.Equal(input.lines.Select(static l => l.Read), frames.Select(Describe));
        });
    }

    /// <summary>The limits hold to the byte: a body of 510 bytes (512 with CR LF) and tags of 4096 bytes from a client ('@' and the
    /// space included; IRCv3 message-tags) pass, one byte more is refused, and the line after a refused one is read as usual.</summary>
    [Fact]
    public void The_line_and_tag_limits_hold_to_the_byte_and_a_refused_line_costs_only_itself()
    {
        var gen = Gen.Select(Gen.Int[490, 530], Gen.Frequency((1, Gen.Const(0)), (3, Gen.Int[IrcLimits.ClientTagBytes - 21, IrcLimits.ClientTagBytes + 19])), Gen.Bool, Gen.Int[0, 9000].Array[0, 6],
            static (body, tags, crlf, cuts) => (body, tags, crlf, cuts));
        Property.Check(gen, static input =>
        {
            // Tags "@" + t + " " of input.tags bytes in all; a body "PRIVMSG #a :" + text of input.body bytes.
            var tagPart = input.tags == 0 ? string.Empty : "@" + new string('t', input.tags - 2) + " ";
            var bodyPart = "PRIVMSG #a :" + new string('b', input.body - 12);
            var terminator = input.crlf ? "\r\n" : "\n";
            var bytes = Encoding.ASCII.GetBytes(tagPart + bodyPart + terminator + "PING after" + terminator);
            var frames = ReaderDriver.Feed(new IrcLineReader(), bytes, input.cuts);
            var fits = input.body <= IrcLimits.LineBytes - 2 && input.tags <= IrcLimits.ClientTagBytes;
            Assert.Equal(2, frames.Count);
            Assert.Equal(fits ? IrcLineError.None : IrcLineError.TooLong, frames[0].Error);
            Assert.Equal("PING|after", Describe(frames[1]));
        }, corpus: 300);
    }

    /// <summary>Lines far beyond every limit, with or without an end, among valid ones: each long line is refused
    /// once, every valid line still arrives in order, and the reader holds at most one line's limit meanwhile.</summary>
    [Fact]
    public void Very_long_lines_are_refused_once_each_and_never_desynchronise_the_stream()
    {
        var chunk = Gen.OneOf(Gen.Int[IrcLimits.LineBytes, 70_000].Select(static n => (Long: true, Length: n)), Gen.Int[0, 30].Select(static n => (Long: false, Length: n)));
        var gen = Gen.Select(chunk.Array[1, 8], Gen.Int[0, 200_000].Array[0, 20], Gen.Bool, static (chunks, cuts, endless) => (chunks, cuts, endless));
        Property.Check(gen, static input =>
        {
            var text = new StringBuilder();
            var expected = new List<string>();
            foreach (var (isLong, length) in input.chunks)
            {
                if (isLong)
                {
                    // A body over 510 bytes, or tags over 8191 before a valid command.
                    _ = length % 2 == 0
                        ? text.Append("PRIVMSG #a :").Append('x', length)
                        : text.Append('@').Append('x', length + IrcLimits.TagBytes).Append(" PING z");
                    text.Append("\r\n");
                    expected.Add("<too long>");
                }
                else
                {
                    text.Append("PING ").Append(length).Append("\r\n");
                    expected.Add($"PING|{length}");
                }
            }

            if (input.endless)
            {
                text.Append('y', 100_000); // no LF ever comes: refused once the limit is passed, nothing after it
                expected.Add("<too long>");
            }

            var bytes = Encoding.ASCII.GetBytes(text.ToString());
            Assert.Equal(expected, ReaderDriver.Feed(new IrcLineReader(), bytes, input.cuts).Select(Describe));
        }, corpus: 60);
    }

    /// <summary>What the parser promises every session: a command with no space in it, at most 15 parameters, and
    /// only the last one empty, holding a space or starting with ':'.</summary>
    internal static void AssertWellFormed(IrcLine line)
    {
        if (line.Error != IrcLineError.None)
        {
            Assert.Null(line.Message);
            return;
        }

        var message = line.Message!;
        Assert.NotEmpty(message.Command);
        Assert.DoesNotContain(' ', message.Command);
        Assert.Equal(message.Command.ToUpperInvariant(), message.Command);
        Assert.InRange(message.Parameters.Count, 0, IrcLimits.MaxParameters);
        for (var i = 0; i < message.Parameters.Count - 1; i++)
        {
            Assert.NotEmpty(message.Parameters[i]);
            Assert.DoesNotContain(' ', message.Parameters[i]);
            Assert.NotEqual(':', message.Parameters[i][0]);
        }

        Assert.All(message.Parameters, static p => Assert.DoesNotContain('\n', p));
    }

    internal static string Describe(IrcLine line) => line.Error switch
    {
        IrcLineError.TooLong => "<too long>",
        IrcLineError.Malformed => "<malformed>",
        _ when line.Message!.Tags is null && line.Message.Source is null => string.Join('|', [line.Message.Command, .. line.Message.Parameters]),
        _ => $"@{line.Message.Tags} :{line.Message.Source} " + string.Join('|', [line.Message.Command, .. line.Message.Parameters]),
    };
}
