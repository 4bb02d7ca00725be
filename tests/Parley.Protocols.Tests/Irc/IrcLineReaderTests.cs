using System.Buffers;
using System.Text;

using Parley.Protocols.Irc;
using Parley.Protocols.Tests.Text;

namespace Parley.Protocols.Tests.Irc;

public sealed class IrcLineReaderTests
{
    private const string TooLong = "<417>";
    private const string Malformed = "<421>";

    private static readonly (string Input, string[] Frames)[] Cases =
    [
        ("", []),
        ("NICK ali", []),
        ("NICK alice\r\n", ["NICK|alice"]),
        ("NICK alice\n", ["NICK|alice"]),
        ("\r\n\n  \r\nPING x\r\n", ["PING|x"]),
        ("privmsg #a :hello  world \r\n", ["PRIVMSG|#a|hello  world "]),
        ("PRIVMSG   #a   b  :\r\n", ["PRIVMSG|#a|b|"]),
        (":src!u@h JOIN #a,#b k1\r\n", ["JOIN|#a,#b|k1"]),
        ("@time=1;+x=y :src PRIVMSG #a :hi\r\nPING :t\r\n", ["PRIVMSG|#a|hi", "PING|t"]),
        ("@only-tags\r\n:only-source\r\nQUIT\r\n", [Malformed, Malformed, "QUIT"]),
        ("PRIVMSG #é :héllo ✓\r\n", ["PRIVMSG|#é|héllo ✓"]),
        ("A 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\r\n", ["A|1|2|3|4|5|6|7|8|9|10|11|12|13|14|15 16"]),
        ("PRIVMSG x :" + new string('a', 499) + "\r\n", ["PRIVMSG|x|" + new string('a', 499)]),
        ("PRIVMSG x :" + new string('a', 500) + "\r\nPING y\r\n", [TooLong, "PING|y"]),
        ("@" + new string('t', 4094) + " PING z\r\n", ["PING|z"]),
        ("@" + new string('t', 4095) + " PING z\r\nPING w\n", [TooLong, "PING|w"]),
        (new string('x', 9000) + "\r\nPING after\r\n", [TooLong, "PING|after"]),
        ("PING ok\r\n" + new string('x', 9000), ["PING|ok", TooLong]),
    ];

    public static TheoryData<int, int> Chunked()
    {
        var data = new TheoryData<int, int>();
        for (var i = 0; i < Cases.Length; i++)
        {
            foreach (var chunkSize in new[] { int.MaxValue, 1, 2, 7, 500 })
            {
                data.Add(i, chunkSize);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chunked))]
    public void Frames_do_not_depend_on_how_the_bytes_arrive(int index, int chunkSize)
    {
        var (input, expected) = Cases[index];
        var bytes = Encoding.UTF8.GetBytes(input);

        var frames = Feed(new IrcLineReader(), bytes.Chunk(Math.Min(chunkSize, Math.Max(bytes.Length, 1))));

        Assert.Equal(expected, frames);
    }

    [Fact]
    public void Several_segments_in_one_read_parse_as_one_sequence()
    {
        var sequence = ChunkSegment.Sequence("PRIV", "MSG #a :he", "llo\r", "\nPI", "NG x\r\n");
        var reader = new IrcLineReader();

        Assert.Equal(["PRIVMSG|#a|hello", "PING|x"], Drain(reader, ref sequence));
        Assert.True(sequence.IsEmpty);
    }

    /// <summary>Feeds chunks as a pipe would: unconsumed bytes stay and the next chunk is appended.</summary>
    private static List<string> Feed(IrcLineReader reader, IEnumerable<byte[]> chunks)
    {
        var frames = new List<string>();
        var pending = new List<byte>();
        foreach (var chunk in chunks)
        {
            pending.AddRange(chunk);
            var sequence = new ReadOnlySequence<byte>(pending.ToArray());
            frames.AddRange(Drain(reader, ref sequence));
            pending = [.. sequence.ToArray()];
        }

        return frames;
    }

    private static List<string> Drain(IrcLineReader reader, ref ReadOnlySequence<byte> sequence)
    {
        var frames = new List<string>();
        while (true)
        {
            var consumed = sequence.Start;
            var examined = sequence.End;
            var found = reader.TryParse(sequence, ref consumed, ref examined, out var line);
            sequence = sequence.Slice(consumed);
            if (!found)
            {
                return frames;
            }

            frames.Add(Show(line));
        }
    }

    private static string Show(IrcLine line) => line.Error switch
    {
        IrcLineError.TooLong => TooLong,
        IrcLineError.Malformed => Malformed,
        _ => string.Join('|', [line.Message!.Command, .. line.Message.Parameters]),
    };
}
