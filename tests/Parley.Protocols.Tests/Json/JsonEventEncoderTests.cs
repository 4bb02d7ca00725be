using System.Text;

using Parley.Core.Events;
using Parley.Protocols.Json;

namespace Parley.Protocols.Tests.Json;

/// <summary>Pins the server → client bytes: keys, their order and the "type" values are persisted wire values.</summary>
public class JsonEventEncoderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 1, 2, 3, 456, TimeSpan.Zero);

    public static TheoryData<ChatEvent, string> Events => new()
    {
        {
            new MessagePosted(17, 3, "#general", "alice", "hi", At),
            """{"seq":3,"user":"alice","message":"hi","type":"message","room":"#general","id":17,"time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new DirectMessageSent(18, 4, "alice", "bob", "psst", At),
            """{"seq":4,"user":"alice","message":"psst","type":"direct","to":"bob","id":18,"time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new MemberJoined("#general", "bob", At),
            """{"type":"joined","room":"#general","user":"bob","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new MemberLeft("#general", "bob", "quit", At),
            """{"type":"left","room":"#general","user":"bob","reason":"quit","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new Notice(NoticeKind.Weather, "Sunny\nthen rain", At),
            """{"type":"notice","kind":"weather","text":"Sunny\nthen rain","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new ErrorNotice(ErrorCodes.NickTaken, "alice is taken.", At),
            """{"type":"error","code":"nick-taken","text":"alice is taken.","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new ServerShutdown("Bye from Server", At),
            """{"type":"shutdown","text":"Bye from Server","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new MemberRenamed("sub5000", "sam", At),
            """{"type":"renamed","user":"sub5000","to":"sam","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new MessagePosted(1, 0, "#x", "zoë", "<b>\"q\" & é 😀\\ \u0001", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234567)),
            """{"seq":0,"user":"zoë","message":"<b>\"q\" & é \uD83D\uDE00\\ \u0001","type":"message","room":"#x","id":1,"time":"2026-01-02T03:04:05.123+02:00"}"""
        },
    };

    // Non-ASCII goes out as UTF-8 except characters beyond the BMP, which System.Text.Json's encoders always escape
    // as a surrogate pair: still valid JSON that every parser reads back as the same text.
    [Theory]
    [MemberData(nameof(Events))]
    public void Encodes_one_line_byte_for_byte(ChatEvent chatEvent, string expected)
    {
        var bytes = JsonEventEncoder.Instance.Encode(chatEvent);
        Assert.Equal(expected + "\n", Encoding.UTF8.GetString(bytes.Span));
    }

    [Fact]
    public void Messages_start_with_seq_user_message_for_seed_clients()
    {
        foreach (ChatEvent e in new ChatEvent[] { new MessagePosted(1, 2, "#r", "u", "m", At), new DirectMessageSent(1, 2, "u", "v", "m", At) })
        {
            var text = Encoding.UTF8.GetString(JsonEventEncoder.Instance.Encode(e).Span);
            Assert.StartsWith("""{"seq":2,"user":"u","message":"m",""", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_notice_kind_is_its_lower_case_name()
    {
        foreach (var kind in Enum.GetValues<NoticeKind>())
        {
            var text = Encoding.UTF8.GetString(JsonEventEncoder.Instance.Encode(new Notice(kind, "t", At)).Span);
            Assert.Contains($"\"kind\":\"{kind.ToString().ToLowerInvariant()}\"", text, StringComparison.Ordinal);
        }

        Assert.Equal(
            ["info", "welcome", "goodbye", "weather", "who", "rooms", "help", "history", "account"],
            Enum.GetValues<NoticeKind>().Select(static k => k.ToString().ToLowerInvariant()));
    }

    [Fact]
    public void Results_are_exact_size_arrays_cached_per_event()
    {
        var e = new MessagePosted(1, 0, "#r", "u", new string('x', 40_000), At);
        var first = e.GetEncoded(JsonEventEncoder.Instance);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(first, out var segment));
        Assert.Equal(segment.Array!.Length, first.Length);
        Assert.True(first.Span == e.GetEncoded(new JsonEventEncoder()).Span);
        Assert.Equal("json", JsonEventEncoder.Instance.Format.Name);
        Assert.Same(JsonEventEncoder.Instance.Format, new JsonEventEncoder().Format);
    }

    [Fact]
    public void Encoding_allocates_only_the_result_array()
    {
        var e = new MessagePosted(17, 3, "#general", "alice", "hello there", At);
        var size = JsonEventEncoder.Instance.Encode(e).Length; // warm up this thread's scratch buffer
        var before = GC.GetAllocatedBytesForCurrentThread();
        JsonEventEncoder.Instance.Encode(e);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, size, size + 64); // the array and its header
    }

    [Fact]
    public void Encoded_events_read_back_with_the_client_parser()
    {
        var bytes = JsonEventEncoder.Instance.Encode(new DirectMessageSent(18, 4, "alice", "bob", "psst", At));
        var frame = Assert.Single(ReaderDriver.ReadAll(new JsonServerFrameParser(), new(bytes)));
        Assert.Equal(ServerFrameType.Direct, frame.Type);
        Assert.Equal(("alice", "bob", "psst", 4L, 18L), (frame.User, frame.To, frame.Message, frame.Seq, frame.Id));
        Assert.Equal(At, frame.Time);
    }
}
