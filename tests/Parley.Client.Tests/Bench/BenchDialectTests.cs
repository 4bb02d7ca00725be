using System.Text;

using Parley.Client.Bench;

namespace Parley.Client.Tests.Bench;

public sealed class BenchDialectTests
{
    public static TheoryData<string, string> Frames => new()
    {
        { "text", "{T0000000000000001..\n" },
        { "json", """{"type":"message","message":"{T0000000000000001.."}""" + "\n" },
        { "irc", "PRIVMSG #bench :{T0000000000000001..\r\n" },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void MessagesAreFramedAroundThePayload(string protocol, string expected)
    {
        var dialect = Dialect(protocol);
        var payload = new byte[20];
        BenchPayload.Write(payload, 1, payload.Length);
        var frame = new byte[payload.Length + dialect.FrameOverhead];

        var length = dialect.WriteMessage(frame, payload);

        Assert.Equal(frame.Length, length);
        Assert.Equal(expected, Encoding.ASCII.GetString(frame));
        Assert.Equal("{T", Encoding.ASCII.GetString(frame, dialect.PayloadOffset, 2));
    }

    [Fact]
    public void IrcPingsAreAnsweredWithTheSameToken()
    {
        var dialect = Dialect("irc");
        var ping = "PING :irc.example.net"u8;
        Assert.Equal(LineKind.Ping, dialect.Classify(ping));
        var pong = new byte[64];
        var length = dialect.WritePong(ping, pong);
        Assert.Equal("PONG :irc.example.net\r\n", Encoding.ASCII.GetString(pong, 0, length));
    }

    [Theory]
    [InlineData("irc", "ERROR :Closing link: (bxy1@127.0.0.1) [SendQ exceeded]", LineKind.Error)]
    [InlineData("irc", ":bench.ngircd 353 bxy1 = #bench :bxy1 bxy2", LineKind.Other)]
    [InlineData("text", "error: Message too long: at most 4096 bytes.", LineKind.Error)]
    [InlineData("text", "Server is shutting down.", LineKind.Error)]
    [InlineData("text", "bxy2 joined!", LineKind.Other)]
    [InlineData("json", """{"type":"error","code":"slow-consumer","text":"x"}""", LineKind.Error)]
    [InlineData("json", """{"type":"joined","room":"#general","user":"bxy2"}""", LineKind.Other)]
    public void ServerLinesAreClassified(string protocol, string line, LineKind kind) =>
        Assert.Equal(kind, Dialect(protocol).Classify(Encoding.UTF8.GetBytes(line)));

    private static IBenchDialect Dialect(string protocol) => BenchDialects.For(new BenchOptions
    {
        Host = "127.0.0.1",
        Port = 1,
        Protocol = protocol switch
        {
            "text" => BenchProtocol.Text,
            "json" => BenchProtocol.Json,
            _ => BenchProtocol.Irc,
        },
    });
}
