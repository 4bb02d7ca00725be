using Parley.Client.Connections;

namespace Parley.Client.Tests.Connections;

public sealed class TextLineParserTests
{
    public static TheoryData<string, ClientEvent> Lines => new()
    {
        { "@bob: hi there", new MessageReceived("bob", "hi there", false) },
        { "@bob: a: b", new MessageReceived("bob", "a: b", false) },
        { "@bob (private): psst", new MessageReceived("bob", "psst", true) },
        { "@bob: ", new MessageReceived("bob", "", false) },
        { "bob joined!", new MemberJoined("bob") },
        { "bob left", new MemberLeft("bob") },
        { "error: unknown command /foo", new ErrorReceived("unknown command /foo") },
        { "DISCONNECT CHAT/1.0", new ServerShuttingDown() },
        { "Bye from Server", new NoticeReceived("Bye from Server") },
        { "Kansas City: 3 days left", new NoticeReceived("Kansas City: 3 days left") },
        { "@ not a message", new NoticeReceived("@ not a message") },
        { "", new NoticeReceived("") },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Parses(string line, ClientEvent expected)
    {
        Assert.Equal(expected, TextLineParser.Parse(line));
    }
}
