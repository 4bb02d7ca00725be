using System.Text;

using Parley.Protocols.Json;

namespace Parley.Protocols.Tests.Json;

public class JsonServerFrameParserTests
{
    public static TheoryData<string, string> Frames => new()
    {
        { """{"seq": 0, "user": "octav", "message": "hello"}""", "Message octav hello" },
        { """{"seq":3,"user":"alice","message":"hi","type":"message","room":"#general","id":17,"time":"2026-11-22T01:02:03.456+00:00"}""", "Message alice hi #general" },
        { """{"type":"joined","room":"#general","user":"bob","time":"2026-11-22T01:02:03.456+00:00"}""", "Joined bob #general" },
        { """{"type":"left","room":"#general","user":"bob","reason":"quit"}""", "Left bob #general quit" },
        { """{"type":"notice","kind":"weather","text":"Sunny"}""", "Notice weather Sunny" },
        { """{"type":"error","code":"nick-taken","text":"taken"}""", "Error nick-taken taken" },
        { """{"type":"shutdown","text":"bye"}""", "Shutdown bye" },
        { """{"type":"welcome","version":1,"user":"alice","room":"#general"}""", "Welcome alice #general 1" },
        { """{"type":"pong"}""", "Pong" },
        { """{"type":"subscribed","client":"127.0.0.1:5000"}""", "Subscribed 127.0.0.1:5000" },
        { """{"type":"unsubscribed","client":"127.0.0.1:5000"}""", "Unsubscribed 127.0.0.1:5000" },
        { """{"type":"hologram","text":"future"}""", "Unknown hologram future" },
        { """{"user":5,"message":"m","seq":"x","extra":[{}]}""", "Message m" },
        { """{"nothing":"here"}""", "Unknown" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Reads_what_servers_and_peers_send(string json, string expected)
    {
        var frame = Assert.Single(ReaderDriver.ReadAll(new JsonServerFrameParser(), JsonFrameReaderTests.Bytes(json)));
        Assert.Equal(expected, Describe(frame));
    }

    [Fact]
    public void Reads_concatenated_frames_split_anywhere_and_survives_garbage()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type":"pong"}garbage{"seq":1,"user":"u","message":"m"}""");
        var frames = ReaderDriver.FeedBytewise(new JsonServerFrameParser(), bytes);
        Assert.Equal(
            [(ServerFrameType.Pong, JsonFrameErrorKind.None), (ServerFrameType.Unknown, JsonFrameErrorKind.Malformed), (ServerFrameType.Message, JsonFrameErrorKind.None)],
            frames.Select(static f => (f.Type, f.FrameError)));
    }

    private static string Describe(ServerFrame f) =>
        string.Join(' ', new object?[] { f.Type, f.TypeName, f.User, f.Kind, f.Code, f.Message, f.Text, f.Room, f.Reason, f.Client, f.Version }
            .Where(static v => v is not null));
}
