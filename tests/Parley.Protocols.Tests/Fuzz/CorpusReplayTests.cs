using Parley.Protocols.Irc;
using Parley.Protocols.Json;
using Parley.Protocols.Tests.Json;
using Parley.Protocols.Text;

namespace Parley.Protocols.Tests.Fuzz;

/// <summary>
/// Replays the saved inputs under Fuzz/Corpus/READER (hand-written seeds, and what coverage-guided fuzzing with
/// SharpFuzz and afl++ found interesting: scripts/sharpfuzz.sh --harvest) through their reader, whole, byte by
/// byte and cut at every 97th offset: no exception, the same frames every way.
/// </summary>
public sealed class CorpusReplayTests
{
    private const int MaxFrame = 512;

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus");
        foreach (var reader in new[] { "irc", "json", "json-server", "text" })
        {
            var folder = Path.Combine(root, reader);
            Assert.True(Directory.Exists(folder), $"no corpus folder {folder}");
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                data.Add(reader, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_saved_input_reads_the_same_however_it_is_split(string reader, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", reader, file));
        switch (reader)
        {
            case "irc":
                AssertSame(() => new IrcLineReader(), bytes, IrcLineReaderProperties.Describe);
                Assert.All(ReaderDriver.ReadAll(new IrcLineReader(), Segments.Of(bytes)), IrcLineReaderProperties.AssertWellFormed);
                break;
            case "json":
                AssertSame(() => new JsonFrameReader(MaxFrame), bytes, static f => f.IsError ? $"error {f.ErrorKind}" : $"{f.Request!.Kind}|{f.Request.User}|{f.Request.Message}|{f.Request.Room}|{f.Request.To}|{f.Request.Seq}");
                break;
            case "json-server":
                AssertSame(() => new JsonServerFrameParser(MaxFrame), bytes, static f => $"{f.Type}|{f.FrameError}|{f.TypeName}|{f.User}|{f.Message}|{f.Text}|{f.Id}|{f.Seq}|{f.Time}");
                break;
            default:
                AssertSame(() => new TextLineReader(MaxFrame), bytes, static f => f.TooLong ? "too long" : $"{f.Framing}|{f.Text}");
                break;
        }
    }

    private static void AssertSame<T>(Func<IMessageReader<T>> create, byte[] bytes, Func<T, string> describe)
    {
        var whole = ReaderDriver.ReadAll(create(), Segments.Of(bytes)).Select(describe).ToList();
        Assert.Equal(whole, ReaderDriver.FeedBytewise(create(), bytes).Select(describe));
        Assert.Equal(whole, ReaderDriver.Feed(create(), bytes, Enumerable.Range(1, bytes.Length / 97).Select(static i => i * 97)).Select(describe));
        Assert.Equal(whole, ReaderDriver.ReadAll(create(), Segments.Chunked(bytes, 7)).Select(describe));
    }
}
