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

    public static TheoryData<string, ClientEvent> PromptedLines => new()
    {
        { "bob: hi there", new MessageReceived("bob", "hi there", false) },
        { "bob (private): psst", new MessageReceived("bob", "psst", true) },
        { "bob joined!", new MemberJoined("bob") },
        { "bob left", new MemberLeft("bob") },
        { "bob left!", new MemberLeft("bob") },
        { "Connected to server!", new NoticeReceived("Connected to server!") },
        { "error: The nickname bob is taken; choose another.", new ErrorReceived("The nickname bob is taken; choose another.") },
        { "Server is shutting down.", new ServerShuttingDown("Server is shutting down.") },
        { "DISCONNECT CHAT/1.0", new ServerShuttingDown() },
        { "Weather for Kansas City, Missouri: sunny", new NoticeReceived("Weather for Kansas City, Missouri: sunny") },
        { "@bob: hi", new NoticeReceived("@bob: hi") },
        { "bob is now known as rob", new MemberRenamed("bob", "rob") },
        { "NICKNAME CHANGED TO rob", new NoticeReceived("NICKNAME CHANGED TO rob") },
        { "Tomorrow is now known as a holiday", new NoticeReceived("Tomorrow is now known as a holiday") },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Parses(string line, ClientEvent expected)
    {
        Assert.Equal(expected, TextLineParser.Parse(line));
    }

    [Theory]
    [MemberData(nameof(PromptedLines))]
    public void ParsesThePromptedDialect(string line, ClientEvent expected)
    {
        Assert.Equal(expected, TextLineParser.Parse(line, Parley.Protocols.Text.TextDialect.Prompted));
    }

    [Theory]
    [InlineData(Parley.Protocols.Text.TextDialect.Prompted)]
    [InlineData(Parley.Protocols.Text.TextDialect.Registered)]
    public void TheOwnRenameNamesTheOldNickOnlyWhenTheClientKnowsIt(Parley.Protocols.Text.TextDialect dialect)
    {
        Assert.Equal(new MemberRenamed("bob", "rob"), TextLineParser.Parse("NICKNAME CHANGED TO rob", dialect, ownName: "bob"));
        Assert.Equal(new MemberRenamed("ann", "rob"), TextLineParser.Parse("ann is now known as rob", dialect, ownName: "bob"));
        Assert.Equal(new NoticeReceived("NICKNAME CHANGED TO not a nick"), TextLineParser.Parse("NICKNAME CHANGED TO not a nick", dialect, ownName: "bob"));
    }

    [Theory]
    [InlineData("Server is shutting down.")]
    [InlineData("Server shutting down")]
    [InlineData("SERVER IS SHUTTING DOWN")]
    [InlineData("DISCONNECT CHAT/1.0")]
    public void ShutdownNoticesEndTheSessionInEitherDialect(string line)
    {
        Assert.IsType<ServerShuttingDown>(TextLineParser.Parse(line));
        Assert.IsType<ServerShuttingDown>(TextLineParser.Parse(line, Parley.Protocols.Text.TextDialect.Prompted));
    }

    [Theory]
    [InlineData("/users", "/who")]
    [InlineData("/users #rust", "/who #rust")]
    [InlineData("/Users", "/who")]
    [InlineData("/usersx", "/usersx")]
    [InlineData("users", "users")]
    public void UsersIsSentAsWhoOnTheTextWire(string typed, string sent)
    {
        Assert.Equal(sent, CommandAliases.Expand(typed));
    }
}
