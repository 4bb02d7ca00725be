using System.Buffers;

using Parley.Protocols;
using Parley.Protocols.Irc;
using Parley.Protocols.Json;
using Parley.Protocols.Text;

using SharpFuzz;

namespace Parley.Fuzz;

/// <summary>
/// One afl++ target per frame reader: <c>parley-fuzz irc|json|json-server|text</c> reads an input from afl++ and
/// feeds it to the reader twice, whole and cut at an offset taken from its first bytes. An exception escaping the
/// reader, or two readings that differ, is a crash for afl++ (the inputs it saves under crashes/).
/// </summary>
internal static class Program
{
    private const int MaxFrame = 512;

    public static int Main(string[] args)
    {
        Func<byte[], int, string>? target = args.FirstOrDefault() switch
        {
            "irc" => static (bytes, cut) => Compare(() => new IrcLineReader(), bytes, cut, Describe),
            "json" => static (bytes, cut) => Compare(() => new JsonFrameReader(MaxFrame), bytes, cut, Describe),
            "json-server" => static (bytes, cut) => Compare(() => new JsonServerFrameParser(MaxFrame), bytes, cut, Describe),
            "text" => static (bytes, cut) => Compare(() => new TextLineReader(MaxFrame), bytes, cut, Describe),
            _ => null,
        };
        if (target is null)
        {
            Console.Error.WriteLine("usage: Parley.Fuzz irc|json|json-server|text   (run under afl-fuzz, see fuzz/README.md)");
            return 2;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            var cut = bytes.Length == 0 ? 0 : bytes[0] * 31 % (bytes.Length + 1);
            var difference = target(bytes, cut);
            if (difference.Length > 0)
            {
                throw new InvalidOperationException(difference);
            }
        });
        return 0;
    }

    /// <summary>Empty when reading whole and reading in two pieces give the same frames; else both readings.</summary>
    private static string Compare<T>(Func<IMessageReader<T>> create, byte[] bytes, int cut, Func<T, string> describe)
    {
        var whole = string.Join('\n', Read(create(), bytes, [bytes.Length]).Select(describe));
        var split = string.Join('\n', Read(create(), bytes, [cut, bytes.Length]).Select(describe));
        return whole == split ? string.Empty : $"cut at {cut}:\n{whole}\n----\n{split}";
    }

    /// <summary>A read loop: each read hands the unconsumed rest plus the new bytes; examined must reach the end
    /// whenever the reader asks for more, or a real read loop would spin.</summary>
    private static List<T> Read<T>(IMessageReader<T> reader, byte[] bytes, int[] cuts)
    {
        var frames = new List<T>();
        var pending = Array.Empty<byte>();
        var start = 0;
        foreach (var cut in cuts.Where(c => c >= start && c <= bytes.Length))
        {
            var buffer = new ReadOnlySequence<byte>([.. pending, .. bytes[start..cut]]);
            start = cut;
            while (true)
            {
                var consumed = buffer.Start;
                var examined = buffer.End;
                var parsed = reader.TryParse(buffer, ref consumed, ref examined, out var frame);
                var used = buffer.Slice(0, consumed).Length;
                buffer = buffer.Slice(consumed);
                if (!parsed)
                {
                    if (!examined.Equals(buffer.End) && buffer.Slice(examined).Length > 0)
                    {
                        throw new InvalidOperationException("asked for more data without examining what it has");
                    }

                    break;
                }

                if (used == 0)
                {
                    throw new InvalidOperationException("a frame that consumed nothing");
                }

                frames.Add(frame);
            }

            pending = buffer.ToArray();
        }

        return frames;
    }

    private static string Describe(IrcLine line) => line.Message is { } m
        ? $"{m.Tags}|{m.Source}|{m.Command}|{string.Join('|', m.Parameters)}"
        : line.Error.ToString();

    private static string Describe(JsonFrame frame) => frame.IsError
        ? $"error {frame.ErrorKind}"
        : $"{frame.Request!.Kind}|{frame.Request.User}|{frame.Request.Message}|{frame.Request.Room}|{frame.Request.To}|{frame.Request.Seq}";

    private static string Describe(ServerFrame f) => $"{f.Type}|{f.FrameError}|{f.TypeName}|{f.User}|{f.Message}|{f.Text}|{f.Id}|{f.Seq}|{f.Time}";

    // An oversize line reported before its end arrived cannot know its terminator (as in the property tests).
    private static string Describe(TextFrame f) => f.TooLong ? "too long" : $"{f.Framing}|{f.Text}";
}
