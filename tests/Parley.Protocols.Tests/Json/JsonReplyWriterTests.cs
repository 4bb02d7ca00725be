using System.Buffers;
using System.Text;

using Parley.Protocols.Json;

namespace Parley.Protocols.Tests.Json;

public class JsonReplyWriterTests
{
    [Fact]
    public void Pins_every_reply_byte_for_byte()
    {
        var output = new ArrayBufferWriter<byte>();
        JsonReplyWriter.WriteWelcome(output, "alice", "#general");
        JsonReplyWriter.WriteWelcome(output, "bob", null);
        JsonReplyWriter.WritePong(output);
        JsonReplyWriter.WriteError(output, "nick-taken", "alice is taken.");
        JsonReplyWriter.WriteSubscribed(output, "127.0.0.1:5000");
        JsonReplyWriter.WriteUnsubscribed(output, "127.0.0.1:5000");
        Assert.Equal(
            """
            {"type":"welcome","version":1,"user":"alice","room":"#general"}
            {"type":"welcome","version":1,"user":"bob"}
            {"type":"pong"}
            {"type":"error","code":"nick-taken","text":"alice is taken."}
            {"type":"subscribed","client":"127.0.0.1:5000"}
            {"type":"unsubscribed","client":"127.0.0.1:5000"}

            """.ReplaceLineEndings("\n"),
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Frame_errors_map_to_stable_codes()
    {
        var output = new ArrayBufferWriter<byte>();
        var frames = ReaderDriver.ReadAll(new JsonFrameReader(maxFrameSize: 16), JsonFrameReaderTests.Bytes("oops\n{\"type\":\"x\"}\n{\"message\":\"far too long\"}"));
        foreach (var frame in frames)
        {
            JsonReplyWriter.WriteFrameError(output, frame);
        }

        var lines = Encoding.UTF8.GetString(output.WrittenSpan).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("""{"type":"error","code":"bad-frame","text":"Malformed JSON""", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("""{"type":"error","code":"bad-frame","text":"Unknown type""", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("""{"type":"error","code":"too-long","text":"Frame larger than 16 bytes.""", lines[2], StringComparison.Ordinal);
    }
}
