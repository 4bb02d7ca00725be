using System.Buffers;
using System.Text;
using System.Text.Json;

using Parley.Core.Events;
using Parley.Protocols.Json;

namespace Parley.Protocols.Tests.Json;

/// <summary>Pins the seed-style bytes: every frame message-shaped, "seq", "user", "message" first.</summary>
public class JsonSeedEventEncoderTests
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
            """{"seq":0,"user":"server","message":"bob joined #general","type":"joined","room":"#general","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new MemberLeft("#general", "bob", "quit", At),
            """{"seq":0,"user":"server","message":"bob left #general (quit)","type":"left","room":"#general","reason":"quit","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new MemberRenamed("sub5000", "sam", At),
            """{"seq":0,"user":"server","message":"sub5000 is now known as sam","type":"renamed","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new Notice(NoticeKind.Weather, "Sunny\nthen rain", At),
            """{"seq":0,"user":"server","message":"Sunny\nthen rain","type":"notice","kind":"weather","text":"Sunny\nthen rain","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new ErrorNotice(ErrorCodes.NickTaken, "alice is taken.", At),
            """{"seq":0,"user":"server","message":"alice is taken.","type":"error","code":"nick-taken","text":"alice is taken.","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
        {
            new ServerShutdown("Server is shutting down.", At),
            """{"seq":0,"user":"server","message":"Server is shutting down.","type":"shutdown","text":"Server is shutting down.","time":"2026-11-22T01:02:03.456+00:00"}"""
        },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Encodes_one_message_shaped_line_byte_for_byte(ChatEvent chatEvent, string expected)
    {
        var text = Encoding.UTF8.GetString(JsonSeedEventEncoder.Instance.Encode(chatEvent).Span);

        Assert.Equal(expected + "\n", text);
        using var parsed = JsonDocument.Parse(text);
        Assert.Equal(["seq", "user", "message"], parsed.RootElement.EnumerateObject().Take(3).Select(p => p.Name));
    }

    [Fact]
    public void Has_its_own_format_and_shares_chat_message_bytes_with_the_native_encoder()
    {
        var message = new MessagePosted(1, 0, "#general", "alice", "hi", At);

        Assert.NotEqual(JsonEventEncoder.Instance.Format.Id, JsonSeedEventEncoder.Instance.Format.Id);
        Assert.Equal("json-seed", JsonSeedEventEncoder.Instance.Format.Name);
        Assert.True(message.GetEncoded(JsonSeedEventEncoder.Instance).Equals(message.GetEncoded(JsonEventEncoder.Instance)));
    }

    [Theory]
    [InlineData(true, """{"seq":0,"user":"server","message":"subscribed 127.0.0.1:5000","type":"subscribed","client":"127.0.0.1:5000"}""")]
    [InlineData(false, """{"seq":0,"user":"server","message":"unsubscribed 127.0.0.1:5000","type":"unsubscribed","client":"127.0.0.1:5000"}""")]
    public void Subscribe_acknowledgements_are_message_shaped(bool subscribed, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        if (subscribed)
        {
            JsonSeedReplyWriter.WriteSubscribed(output, "127.0.0.1:5000");
        }
        else
        {
            JsonSeedReplyWriter.WriteUnsubscribed(output, "127.0.0.1:5000");
        }

        Assert.Equal(expected + "\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
