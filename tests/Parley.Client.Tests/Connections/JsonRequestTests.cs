using System.Buffers;
using System.Text;

using Parley.Client.Connections;
using Parley.Protocols.Json;

namespace Parley.Client.Tests.Connections;

/// <summary>Pins the bytes the client writes: structured frames per typed command, and the seed's operations.</summary>
public sealed class JsonRequestTests
{
    [Theory]
    [InlineData("hi", "{\"type\":\"message\",\"message\":\"hi\"}")]
    [InlineData("  spaced  ", "{\"type\":\"message\",\"message\":\"  spaced  \"}")]
    [InlineData("/JOIN #Rust", "{\"type\":\"join\",\"room\":\"#Rust\"}")]
    [InlineData("/join #a #b", "{\"type\":\"message\",\"message\":\"/join #a #b\"}")]
    [InlineData("/part", "{\"type\":\"part\"}")]
    [InlineData("/who #x", "{\"type\":\"who\",\"room\":\"#x\"}")]
    [InlineData("/users", "{\"type\":\"who\"}")]
    [InlineData("/USERS #x", "{\"type\":\"who\",\"room\":\"#x\"}")]
    [InlineData("/rooms", "{\"type\":\"rooms\"}")]
    [InlineData("/rooms please", "{\"type\":\"message\",\"message\":\"/rooms please\"}")]
    [InlineData("/msg bob  two  spaces", "{\"type\":\"msg\",\"to\":\"bob\",\"message\":\"two  spaces\"}")]
    [InlineData("/msg bob", "{\"type\":\"message\",\"message\":\"/msg bob\"}")]
    [InlineData("/weather New York", "{\"type\":\"weather\",\"place\":\"New York\"}")]
    [InlineData("/weather", "{\"type\":\"weather\"}")]
    [InlineData("/help", "{\"type\":\"message\",\"message\":\"/help\"}")]
    [InlineData("say \"café\" \\ 😀", "{\"type\":\"message\",\"message\":\"say \\\"café\\\" \\\\ \\uD83D\\uDE00\"}")]
    public void TypedLineBecomesOneFrame(string line, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        JsonCommandTable.Write(line, output);
        Assert.Equal(expected + "\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void HelloAndQuitArePinned()
    {
        var output = new ArrayBufferWriter<byte>();
        JsonRequestWriter.WriteHello(output, "alice");
        JsonRequestWriter.WriteBare(output, "quit");
        Assert.Equal("{\"type\":\"hello\",\"user\":\"alice\",\"version\":1}\n{\"type\":\"quit\"}\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void SeedOperationsMatchPythonJsonDumps()
    {
        var output = new ArrayBufferWriter<byte>();
        SeedMessageWriter.WriteOperation(output, "subscribe", "127.0.0.1:5000", "zoë");
        SeedMessageWriter.WriteOperation(output, "unsubscribe", "127.0.0.1:5000", null);
        Assert.Equal(
            "{\"operation\": \"subscribe\", \"client\": \"127.0.0.1:5000\", \"user\": \"zo\\u00eb\"}\n{\"operation\": \"unsubscribe\", \"client\": \"127.0.0.1:5000\"}\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void UnknownFramesMapToNothingAndRenamedIsRecognised()
    {
        Assert.Null(ServerFrameMapper.Map(new ServerFrame { Type = ServerFrameType.Unknown, TypeName = "dance" }));
        Assert.Null(ServerFrameMapper.Map(new ServerFrame { Type = ServerFrameType.Pong }));
        Assert.Equal(
            new MemberRenamed("bob", "bobby"),
            ServerFrameMapper.Map(new ServerFrame { Type = ServerFrameType.Unknown, TypeName = "renamed", User = "bob", To = "bobby" }));
    }
}
