using System.Text;

using Parley.Protocols.Json;

namespace Parley.Protocols.Tests.Json;

/// <summary>The expected strings are what Python 3's json.dumps({"seq": s, "user": u, "message": m}) prints.</summary>
public class SeedMessageWriterTests
{
    [Theory]
    [InlineData(0, "octav", "hello", """{"seq": 0, "user": "octav", "message": "hello"}""")]
    [InlineData(12, "zoë", "café 😀", """{"seq": 12, "user": "zo\u00eb", "message": "caf\u00e9 \ud83d\ude00"}""")]
    [InlineData(1, "a", "say \"hi\"\\\n\t\u0001<&>", """{"seq": 1, "user": "a", "message": "say \"hi\"\\\n\t\u0001<&>"}""")]
    public void Writes_the_bytes_python_json_dumps_writes(long seq, string user, string message, string expected)
    {
        Assert.Equal(expected + "\n", Encoding.UTF8.GetString(SeedMessageWriter.ToArray(seq, user, message)));
    }

    [Fact]
    public void Reads_back_as_the_same_request()
    {
        var bytes = SeedMessageWriter.ToArray(5, "zoë", "line1\nline2 😀 \"q\"");
        var frame = Assert.Single(ReaderDriver.ReadAll(new JsonFrameReader(), new(bytes)));
        Assert.Equal((ClientRequestKind.Message, 5L, "zoë", "line1\nline2 😀 \"q\""), (frame.Request!.Kind, frame.Request.Seq, frame.Request.User, frame.Request.Message));
    }
}
