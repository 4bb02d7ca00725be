using System.Buffers;
using System.Text;

using Parley.Protocols.Json;

namespace Parley.Protocols.Tests.Json;

public class JsonFrameReaderTests
{
    private const string Seed = """{"seq": 0, "user": "alice", "message": "hello"}""";

    public static TheoryData<string, string[]> Streams => new()
    {
        { Seed + "\n", ["alice:hello"] },
        { Seed, ["alice:hello"] },
        { Seed + Seed.Replace("hello", "again"), ["alice:hello", "alice:again"] },
        { "\r\n  \t" + Seed + " \n\n " + Seed + "\r\n", ["alice:hello", "alice:hello"] },
        { """{"message":"a{b}c[d]\"}\\","user":"u"}{"message":"x","user":"v"}""", ["u:a{b}c[d]\"}\\", "v:x"] },
        { """{"message":"caf\u00e9 \ud83d\ude00","user":"b\u00f6b"}""", ["böb:café 😀"] },
        { """{"message":"hi","user":"u","meta":{"a":[1,{"b":"}"}],"c":null},"list":[[],{}]}""", ["u:hi"] },
        { "{\"message\":\"é日本\",\"user\":\"u\"}", ["u:é日本"] },
        {
            """
            {
              "user": "pretty",
              "message": "printed"
            }
            """,
            ["pretty:printed"]
        },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Reads_every_object_in_one_buffer(string stream, string[] expected)
    {
        var frames = ReaderDriver.ReadAll(new JsonFrameReader(), Bytes(stream));
        Assert.Equal(expected, frames.Select(Describe));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Reads_the_same_frames_byte_by_byte(string stream, string[] expected)
    {
        var frames = ReaderDriver.FeedBytewise(new JsonFrameReader(), Encoding.UTF8.GetBytes(stream));
        Assert.Equal(expected, frames.Select(Describe));
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Reads_the_same_frames_from_many_segments(string stream, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(stream);
        foreach (var size in new[] { 1, 2, 3, 7, 16 })
        {
            var frames = ReaderDriver.ReadAll(new JsonFrameReader(), Segments.Chunked(bytes, size));
            Assert.Equal(expected, frames.Select(Describe));
        }
    }

    [Fact]
    public void Split_at_every_position_waits_then_reads_once()
    {
        var bytes = Encoding.UTF8.GetBytes(Seed + "\n" + Seed);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var frames = ReaderDriver.Feed(new JsonFrameReader(), bytes, [cut]);
            Assert.Equal(["alice:hello", "alice:hello"], frames.Select(Describe));
        }
    }

    [Fact]
    public void A_growing_prefix_is_examined_to_its_end_and_not_consumed()
    {
        var bytes = Encoding.UTF8.GetBytes(Seed);
        for (var length = 1; length < bytes.Length; length++)
        {
            var prefix = new ReadOnlySequence<byte>(bytes, 0, length);
            var consumed = prefix.Start;
            var examined = prefix.Start;
            Assert.False(new JsonFrameReader().TryParse(prefix, ref consumed, ref examined, out _));
            Assert.Equal(0, prefix.GetOffset(consumed));
            Assert.Equal(prefix.End, examined);
        }

        var whole = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(Seed + "\n"));
        var end = whole.Start;
        var seen = whole.Start;
        Assert.True(new JsonFrameReader().TryParse(whole, ref end, ref seen, out var frame));
        Assert.Equal(Seed.Length, whole.GetOffset(end));
        Assert.Equal(end, seen);
        Assert.Equal("alice:hello", Describe(frame));
    }

    [Fact]
    public void Whitespace_alone_is_consumed_without_a_frame()
    {
        var input = Bytes(" \r\n\t\n");
        var consumed = input.Start;
        var examined = input.Start;
        Assert.False(new JsonFrameReader().TryParse(input, ref consumed, ref examined, out _));
        Assert.Equal(input.End, consumed);
        Assert.Equal(input.End, examined);
    }

    [Fact]
    public void Empty_input_needs_more_data()
    {
        Assert.Empty(ReaderDriver.ReadAll(new JsonFrameReader(), ReadOnlySequence<byte>.Empty));
    }

    public static TheoryData<string, string[]> Malformed => new()
    {
        { "garbage\n" + Seed, ["Malformed", "alice:hello"] },
        { "garbage" + Seed, ["Malformed", "alice:hello"] },
        { "[1,2]\n" + Seed, ["Malformed", "alice:hello"] },
        { "\"text\" 12 true\n" + Seed, ["Malformed", "alice:hello"] },
        { """{"user": alice}""" + "\n" + Seed, ["Malformed", "alice:hello"] },
        { """{"user": "x",}""" + Seed, ["Malformed", "alice:hello"] },
        { """{"user": "unterminated""" + "\n" + Seed, ["Malformed", "alice:hello"] },
        { """{"user": "no close brace" """ + "\n" + Seed, ["Malformed", "alice:hello"] },
        { """{"user": "no close brace" """ + Seed, ["Malformed", "alice:hello"] },
        { "} ] ,\n" + Seed + "\nxx", ["Malformed", "alice:hello", "Malformed"] },
        { Seed + "\n]]]\n" + Seed, ["alice:hello", "Malformed", "alice:hello"] },
        { "{\"a\":" + new string('[', 100) + new string(']', 100) + "}\n" + Seed, ["Malformed", "alice:hello"] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_yields_one_error_then_resynchronises(string stream, string[] expected)
    {
        var frames = ReaderDriver.ReadAll(new JsonFrameReader(), Bytes(stream));
        Assert.Equal(expected, frames.Select(Describe));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_resynchronises_byte_by_byte_too(string stream, string[] expected)
    {
        var frames = ReaderDriver.FeedBytewise(new JsonFrameReader(), Encoding.UTF8.GetBytes(stream));
        Assert.Equal(expected, frames.Select(Describe));
    }

    [Fact]
    public void Invalid_utf8_garbage_is_malformed_and_never_throws()
    {
        byte[] bytes = [0xFF, 0xFE, 0xC0, 0x80, (byte)'\n', .. Encoding.UTF8.GetBytes(Seed)];
        Assert.Equal(["Malformed", "alice:hello"], ReaderDriver.ReadAll(new JsonFrameReader(), new(bytes)).Select(Describe));
        Assert.Equal(["Malformed", "alice:hello"], ReaderDriver.FeedBytewise(new JsonFrameReader(), bytes).Select(Describe));
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_becomes_replacement_characters()
    {
        byte[] bytes = [.. """{"user":"u","message":"a"""u8, 0xFF, 0xC3, .. "b\"}"u8];
        var frame = Assert.Single(ReaderDriver.ReadAll(new JsonFrameReader(), new(bytes)));
        Assert.Equal("a\uFFFD\uFFFDb", frame.Request!.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_key_is_an_unknown_key_and_never_throws()
    {
        byte[] bytes = [.. "{\""u8, 0xFF, .. "\":1,\"user\":\"u\",\"message\":\"m\",\"\\u00e9"u8, 0xFE, .. "\":2}"u8];
        var frame = Assert.Single(ReaderDriver.ReadAll(new JsonFrameReader(), new(bytes)));
        Assert.Equal("u:m", Describe(frame));
        var server = Assert.Single(ReaderDriver.ReadAll(new JsonServerFrameParser(), new(bytes)));
        Assert.Equal((ServerFrameType.Message, "m"), (server.Type, server.Message));
    }

    [Fact]
    public void A_lone_surrogate_escape_is_an_invalid_frame()
    {
        var frame = Assert.Single(ReaderDriver.ReadAll(new JsonFrameReader(), Bytes("""{"user":"u","message":"\ud800"}""")));
        Assert.Equal(JsonFrameErrorKind.Invalid, frame.ErrorKind);
    }

    [Fact]
    public void A_frame_over_the_limit_is_oversize_even_before_it_ends()
    {
        var big = $$"""{"user":"u","message":"{{new string('x', 100)}}"}""";
        var frames = ReaderDriver.FeedBytewise(new JsonFrameReader(maxFrameSize: 64), Encoding.UTF8.GetBytes(big[..80]));
        Assert.Equal(JsonFrameErrorKind.Oversize, Assert.Single(frames).ErrorKind);

        var whole = ReaderDriver.ReadAll(new JsonFrameReader(maxFrameSize: 64), Bytes(big));
        Assert.Equal(JsonFrameErrorKind.Oversize, whole[0].ErrorKind);
    }

    [Fact]
    public void A_frame_exactly_at_the_limit_is_accepted()
    {
        var frames = ReaderDriver.ReadAll(new JsonFrameReader(maxFrameSize: Seed.Length), Bytes(Seed + Seed));
        Assert.Equal(["alice:hello", "alice:hello"], frames.Select(Describe));
    }

    [Fact]
    public void The_default_limit_is_64_KiB()
    {
        Assert.Equal(65536, new JsonFrameReader().MaxFrameSize);
        Assert.Equal(65536, JsonProtocol.DefaultMaxFrameSize);
        Assert.Equal(1, JsonProtocol.Version);
    }

    internal static ReadOnlySequence<byte> Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Describe(JsonFrame frame) =>
        frame.IsError ? frame.ErrorKind.ToString() : $"{frame.Request!.User}:{frame.Request.Message}";
}
