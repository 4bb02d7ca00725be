using System.IO.Pipelines;
using System.Text;

using Parley.Client.Connections;
using Parley.Client.Terminal;
using Parley.Client.Tests.Connections;

namespace Parley.Client.Tests.Terminal;

/// <summary>Script mode over the JSON protocol: real sockets against <see cref="FakeChatServer"/>, which checks every byte sent.</summary>
public sealed class JsonScriptClientTests
{
    private const string Hello = "{\"type\":\"hello\",\"user\":\"alice\",\"version\":1}\n";
    private const string Welcome = "{\"type\":\"welcome\",\"version\":1,\"user\":\"alice\",\"room\":\"#general\"}\n";
    private const string Time = "\"time\":\"2026-11-22T01:02:03.456+00:00\"";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly LineCapture _stdout = new();
    private readonly LineCapture _stderr = new();

    [Theory]
    [InlineData("nick-taken", "already taken")]
    [InlineData("nick-invalid", "not a valid name")]
    public async Task RefusedNameIsAnErrorWithExitCode1(string code, string reason)
    {
        await using var server = new FakeChatServer();
        var run = RunAsync(server, new StringReader("hello\n"), TimeSpan.FromSeconds(1));

        await server.ExpectAsync(Hello);
        await server.SendAsync("{\"type\":\"error\",\"code\":\"" + code + "\",", "\"text\":\"no\"}\n");

        Assert.Equal(1, await run.WaitAsync(Bound));
        Assert.Contains(reason, string.Join('\n', _stderr.All), StringComparison.Ordinal);
        Assert.Empty(_stdout.All);
    }

    [Fact]
    public async Task SendsStructuredCommandsAndRendersEveryFrameKind()
    {
        await using var server = new FakeChatServer();
        var stdin = new Pipe();
        var run = RunAsync(server, new StreamReader(stdin.Reader.AsStream()), TimeSpan.FromSeconds(5));

        await server.ExpectAsync(Hello);
        await server.SendAsync(Welcome[..20], Welcome[20..] + "{\"type\":\"joined\",\"room\":\"#general\",\"user\":\"alice\"," + Time + "}");
        Assert.Equal(["* alice joined #general"], await _stdout.NextLinesAsync(1));

        await WriteAsync(stdin, "hello there\n/join #rust\n/msg bob psst now\n/weather Paris\n/weather\n/who\n/who #rust\n/part\n/part #x\n/rooms\nweather\n/nick bobby\n/join\n");
        await server.ExpectAsync(
            "{\"type\":\"message\",\"message\":\"hello there\"}\n"
            + "{\"type\":\"join\",\"room\":\"#rust\"}\n"
            + "{\"type\":\"msg\",\"to\":\"bob\",\"message\":\"psst now\"}\n"
            + "{\"type\":\"weather\",\"place\":\"Paris\"}\n"
            + "{\"type\":\"weather\"}\n"
            + "{\"type\":\"who\"}\n"
            + "{\"type\":\"who\",\"room\":\"#rust\"}\n"
            + "{\"type\":\"part\"}\n"
            + "{\"type\":\"part\",\"room\":\"#x\"}\n"
            + "{\"type\":\"rooms\"}\n"
            + "{\"type\":\"message\",\"message\":\"weather\"}\n"
            + "{\"type\":\"message\",\"message\":\"/nick bobby\"}\n"
            + "{\"type\":\"message\",\"message\":\"/join\"}\n");

        await server.SendAsync(
            "{\"type\":\"joined\",\"room\":\"#rust\",\"user\":\"alice\"," + Time + "}\n{\"seq\":0,\"user\":\"bob\",\"mess",
            "age\":\"hi\",\"type\":\"message\",\"room\":\"#rust\",\"id\":1," + Time + "}{\"seq\":3,\"user\":\"carol\",\"message\":\"yo\",\"type\":\"message\",\"room\":\"#general\",\"id\":2," + Time + "}\n",
            "{\"seq\":4,\"user\":\"bob\",\"message\":\"psst\",\"type\":\"direct\",\"to\":\"alice\",\"id\":3," + Time + "}\n"
            + "{\"seq\":1,\"user\":\"alice\",\"message\":\"psst now\",\"type\":\"direct\",\"to\":\"bob\",\"id\":4," + Time + "}\n"
            + "{\"type\":\"dance\",\"user\":\"x\"}\n{\"type\":\"pong\"}\n"
            + "{\"type\":\"left\",\"room\":\"#rust\",\"user\":\"dave\",\"reason\":\"quit\"," + Time + "}\n"
            + "{\"type\":\"renamed\",\"user\":\"bob\",\"to\":\"bobby\"}\n"
            + "{\"type\":\"notice\",\"kind\":\"weather\",\"text\":\"Sunny\\nthen rain\"," + Time + "}\n"
            + "{\"type\":\"error\",\"code\":\"no-such-nick\",\"text\":\"No such nick: zed.\"," + Time + "}\n");

        Assert.Equal(
            [
                "* alice joined #rust", "bob: hi", "[#general] carol: yo", "bob (private): psst", "-> bob (private): psst now",
                "* dave left #rust", "* bob is now known as bobby", "Sunny", "then rain", "error: No such nick: zed.",
            ],
            await _stdout.NextLinesAsync(10));

        await server.SendAsync("{\"type\":\"shutdown\",\"text\":\"Bye from Server\"," + Time + "}\n");
        await server.CloseAsync();

        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.Equal(["Bye from Server", ScriptEventFormatter.ShutdownLine], _stdout.All.TakeLast(2));
        Assert.Empty(_stderr.All);
    }

    [Fact]
    public async Task LeavingTheCurrentRoomFallsBackToThePreviousOne()
    {
        await using var server = new FakeChatServer();
        var run = RunAsync(server, new StringReader(string.Empty), TimeSpan.FromSeconds(5));

        await server.ExpectAsync(Hello);
        await server.SendAsync(
            Welcome,
            "{\"type\":\"joined\",\"room\":\"#rust\",\"user\":\"alice\"}\n{\"type\":\"left\",\"room\":\"#rust\",\"user\":\"alice\",\"reason\":\"part\"}\n"
            + "{\"seq\":0,\"user\":\"bob\",\"message\":\"back\",\"type\":\"message\",\"room\":\"#general\"}\n"
            + "{\"seq\":1,\"user\":\"bob\",\"message\":\"there\",\"type\":\"message\",\"room\":\"#rust\"}\n");

        Assert.Equal(["* alice joined #rust", "* alice left #rust", "bob: back", "[#rust] bob: there"], await _stdout.NextLinesAsync(4));
        await server.ExpectAsync("{\"type\":\"quit\"}\n");
        await server.CloseAsync();
        Assert.Equal(0, await run.WaitAsync(Bound));
    }

    [Theory]
    [InlineData("exit")]
    [InlineData("/quit")]
    [InlineData("Bye from Client")]
    public async Task QuitWordSendsQuitAndNothingAfterIt(string quit)
    {
        await using var server = new FakeChatServer();
        var run = RunAsync(server, new StringReader($"hi\n{quit}\nnot sent\n"), TimeSpan.FromSeconds(5));

        await server.ExpectAsync(Hello);
        await server.SendAsync(Welcome);
        await server.ExpectAsync("{\"type\":\"message\",\"message\":\"hi\"}\n{\"type\":\"quit\"}\n");
        await server.SendAsync("{\"type\":\"notice\",\"kind\":\"goodbye\",\"text\":\"Bye from Server\"}\n");
        await server.CloseAsync();

        Assert.Equal(0, await run.WaitAsync(Bound));
        await server.ExpectEndAsync();
        Assert.Equal(["Bye from Server"], _stdout.All);
    }

    [Fact]
    public async Task HelpPrintsTheLocalListAndAsksTheServer()
    {
        await using var server = new FakeChatServer();
        var run = RunAsync(server, new StringReader("/help\n"), TimeSpan.FromMilliseconds(300));

        await server.ExpectAsync(Hello);
        await server.SendAsync(Welcome);
        await server.ExpectAsync("{\"type\":\"message\",\"message\":\"/help\"}\n");
        await server.ExpectAsync("{\"type\":\"quit\"}\n");
        await server.CloseAsync();

        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.Contains("  /msg NICK TEXT     private message", _stdout.All);
    }

    [Fact]
    public async Task LostConnectionIsReportedWithExitCode1()
    {
        await using var server = new FakeChatServer();
        var stdin = new Pipe();
        var run = RunAsync(server, new StreamReader(stdin.Reader.AsStream()), TimeSpan.FromSeconds(5));

        await server.ExpectAsync(Hello);
        await server.SendAsync(Welcome, "{\"seq\":0,\"user\":\"bob\",\"mess");
        await server.CloseAsync();

        Assert.Equal(1, await run.WaitAsync(Bound));
        Assert.Empty(_stdout.All);
        Assert.Contains("Connection to the server was lost", Assert.Single(_stderr.All), StringComparison.Ordinal);
    }

    private static async Task WriteAsync(Pipe stdin, string text) => await stdin.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));

    private async Task<int> RunAsync(FakeChatServer server, TextReader stdin, TimeSpan linger)
    {
        await using var connection = new JsonChatConnection();
        var options = new ClientOptions(server.Endpoint, "alice", linger, NoColor: true);
        return await ScriptClient.RunAsync(options, connection, stdin, _stdout, _stderr, CancellationToken.None);
    }
}
