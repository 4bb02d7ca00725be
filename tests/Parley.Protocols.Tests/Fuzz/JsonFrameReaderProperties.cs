using System.Text;
using System.Text.Json;

using CsCheck;

using Parley.Protocols.Json;
using Parley.Protocols.Tests.Json;

namespace Parley.Protocols.Tests.Fuzz;

/// <summary>Properties of the JSON-lines readers (client → server requests, server → client frames).</summary>
public sealed class JsonFrameReaderProperties
{
    private const int MaxFrame = 512;

    private static readonly Gen<string> Request = Gen.Frequency(
        (3, WireGen.Nick.Select(WireGen.HostileText, static (user, text) => Json(w =>
        {
            w.WriteString("type", "message");
            w.WriteString("user", user);
            w.WriteString("message", text);
        }))),
        (1, WireGen.Room.Select(static room => Json(w =>
        {
            w.WriteString("type", "join");
            w.WriteString("room", room);
        }))),
        (1, WireGen.Nick.Select(WireGen.HostileText, static (to, text) => Json(w =>
        {
            w.WriteString("type", "msg");
            w.WriteString("to", to);
            w.WriteString("message", text);
        }))),
        (1, Gen.Long.Select(WireGen.Nick, WireGen.HostileText, static (seq, user, text) => Json(w =>
        {
            w.WriteNumber("seq", seq);
            w.WriteString("user", user);
            w.WriteString("message", text);
        }))));

    /// <summary>A valid request with 1–4 random edits (overwrite, insert, delete a byte).</summary>
    private static readonly Gen<byte[]> Mutated = Request.Select(
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 10_000], WireGen.FramingByte).Array[1, 4],
        static (json, edits) =>
        {
            var bytes = new List<byte>(Encoding.UTF8.GetBytes(json));
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

            return bytes.ToArray();
        });

    [Fact]
    public void Any_bytes_split_anywhere_give_the_same_frames_and_never_throw()
    {
        var gen = WireGen.Bytes.SelectMany(static bytes => WireGen.Cuts(bytes.Length).Select(cuts => (bytes, cuts)));
        Property.Check(gen, static input =>
        {
            Assert.Equal(Describe(ReadRequests(input.bytes)), Describe(FeedRequests(input.bytes, input.cuts)));
            Assert.Equal(
                ReaderDriver.ReadAll(new JsonServerFrameParser(MaxFrame), Segments.Of(input.bytes)).Select(Describe),
                ReaderDriver.Feed(new JsonServerFrameParser(MaxFrame), input.bytes, input.cuts).Select(Describe));
        });
    }

    [Fact]
    public void Mutated_requests_never_throw_and_parse_the_same_however_split()
    {
        var gen = Mutated.Array[1, 5].Select(static frames => frames.SelectMany(static f => f.Append((byte)'\n')).ToArray())
            .SelectMany(static bytes => WireGen.Cuts(bytes.Length).Select(cuts => (bytes, cuts)));
        Property.Check(gen, static input =>
            Assert.Equal(Describe(ReadRequests(input.bytes)), Describe(FeedRequests(input.bytes, input.cuts))));
    }

    [Fact]
    public void Valid_requests_back_to_back_or_on_lines_read_back_field_for_field_however_split()
    {
        var gen = Request.Array[1, 8].Select(Gen.Bool, Gen.Int[0, 3000].Array[0, 10], static (requests, lines, cuts) => (requests, lines, cuts));
        Property.Check(gen, static input =>
        {
            var bytes = Encoding.UTF8.GetBytes(string.Concat(input.requests.Select(r => input.lines ? r + "\n" : r)));
            var frames = ReaderDriver.Feed(new JsonFrameReader(64 * 1024), bytes, input.cuts);
            Assert.Equal(input.requests.Length, frames.Count);
            for (var i = 0; i < frames.Count; i++)
            {
                Assert.False(frames[i].IsError, frames[i].ErrorMessage);
                using var expected = JsonDocument.Parse(input.requests[i]);
                var root = expected.RootElement;
                var request = frames[i].Request!;
                Assert.Equal(Field(root, "user"), request.User);
                Assert.Equal(Field(root, "message"), request.Message);
                Assert.Equal(Field(root, "room"), request.Room);
                Assert.Equal(Field(root, "to"), request.To);
            }
        });
    }

    private static string? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static List<JsonFrame> ReadRequests(byte[] bytes) =>
        ReaderDriver.ReadAll(new JsonFrameReader(MaxFrame), Segments.Of(bytes));

    private static List<JsonFrame> FeedRequests(byte[] bytes, int[] cuts) =>
        ReaderDriver.Feed(new JsonFrameReader(MaxFrame), bytes, cuts);

    private static IEnumerable<string> Describe(List<JsonFrame> frames) =>
        frames.Select(static f => f.IsError ? $"error {f.ErrorKind}" : $"{f.Request!.Kind}|{f.Request.User}|{f.Request.Message}|{f.Request.Room}|{f.Request.To}|{f.Request.Seq}");

    private static string Describe(ServerFrame f) =>
        $"{f.Type}|{f.FrameError}|{f.TypeName}|{f.User}|{f.Message}|{f.Text}|{f.Id}|{f.Seq}|{f.Time}";

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
