using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;

using Parley.Client.Connections;
using Parley.Client.Terminal;
using Parley.Client.Tests.Connections;

namespace Parley.Client.Tests.Terminal;

/// <summary>Script mode end to end: real sockets against <see cref="FakeChatServer"/>, stdin and stdout injected.</summary>
public sealed class ScriptClientTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly LineCapture _stdout = new();
    private readonly LineCapture _stderr = new();

    [Theory]
    [InlineData("401 Client already registered\n", "already taken")]
    [InlineData("400 Invalid registration\r\n", "not a valid name")]
    public async Task RefusedRegistrationIsAnErrorWithExitCode1(string reply, string reason)
    {
        await using var server = new FakeChatServer();
        var run = RunAsync(server, new StringReader("hello\n"), TimeSpan.FromSeconds(1));

        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        await server.SendAsync(reply);
        await server.CloseAsync();

        Assert.Equal(1, await run.WaitAsync(Bound));
        Assert.Contains(reason, string.Join('\n', _stderr.All), StringComparison.Ordinal);
        Assert.Empty(_stdout.All);
    }

    [Fact]
    public async Task PrintsReceivedLinesInOrderHoweverTheyAreSplit()
    {
        await using var server = new FakeChatServer();
        var stdin = new Pipe();
        var run = RunAsync(server, new StreamReader(stdin.Reader.AsStream()), TimeSpan.FromMilliseconds(200));

        // The registration reply comes whole: how it is framed is judged by a 30 ms pause (seed servers write
        // without newlines), so a split in it would depend on the machine's speed. After it, lines are lines.
        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        await server.SendAsync("200 Registration successful\r\n");
        await stdin.Writer.WriteAsync(Encoding.UTF8.GetBytes("hello\n"));
        await server.ExpectAsync("@alice: hello\n");
        await server.SendAsync(
            "@bob: hi th",
            "ere\n@carol (private): psst\r\nbob joined!\n",
            "dave left\nerror: unknown command\nMonday: 21",
            " C\n");

        Assert.Equal(
            ["bob: hi there", "carol (private): psst", "* bob joined", "* dave left", "error: unknown command", "Monday: 21 C"],
            await _stdout.NextLinesAsync(6));

        await stdin.Writer.CompleteAsync();
        await server.ExpectAsync("DISCONNECT alice CHAT/1.0\n");
        await server.SendAsync("Bye from Server\n");
        await server.CloseAsync();

        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.Equal("Bye from Server", _stdout.All[^1]);
    }

    [Theory]
    [InlineData("Bye from Client")]
    [InlineData("bye from client")]
    [InlineData("/quit")]
    [InlineData("exit")]
    public async Task QuitWordSendsDisconnectAndNothingAfterIt(string quit)
    {
        await using var server = new FakeChatServer();
        var run = RunAsync(server, new StringReader($"hello\n{quit}\nnot sent\n"), TimeSpan.FromSeconds(5));

        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        await server.SendAsync("200 Registration successful\n");
        await server.ExpectAsync("@alice: hello\nDISCONNECT alice CHAT/1.0\n");
        await server.SendAsync("Bye from Server\n");
        await server.CloseAsync();

        Assert.Equal(0, await run.WaitAsync(Bound));
        await server.ExpectEndAsync();
        Assert.Equal(["Bye from Server"], _stdout.All);
    }

    [Fact]
    public async Task ServerShutdownEndsTheClientWithExitCode0()
    {
        await using var server = new FakeChatServer();
        var stdin = new Pipe();
        var run = RunAsync(server, new StreamReader(stdin.Reader.AsStream()), TimeSpan.FromSeconds(5));

        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        await server.SendAsync("200 Registration successful\n@bob: see you\nDISCONNECT CHAT/1.0\r\n");
        await server.CloseAsync();

        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.Equal(["bob: see you", "* Server is shutting down."], _stdout.All);
        Assert.Empty(_stderr.All);
    }

    [Fact]
    public async Task LostConnectionIsReportedWithExitCode1()
    {
        await using var server = new FakeChatServer();
        var stdin = new Pipe();
        var run = RunAsync(server, new StreamReader(stdin.Reader.AsStream()), TimeSpan.FromSeconds(5));

        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        await server.SendAsync("200 Registration successful\n@bob: half a li");
        await server.CloseAsync();

        Assert.Equal(1, await run.WaitAsync(Bound));
        Assert.Empty(_stdout.All);
        Assert.Contains("Connection to the server was lost", Assert.Single(_stderr.All), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LingersForTheQuietPeriodAfterStdinEnds()
    {
        var linger = TimeSpan.FromMilliseconds(300);
        await using var server = new FakeChatServer();
        var run = RunAsync(server, new StringReader(string.Empty), linger);

        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        var quiet = Stopwatch.StartNew();
        await server.SendAsync("200 Registration successful\n");
        await server.ExpectAsync("DISCONNECT alice CHAT/1.0\n");
        quiet.Stop();
        await server.CloseAsync();

        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.True(quiet.Elapsed >= linger, $"left after {quiet.Elapsed}, before the {linger} linger");
    }

    [Fact]
    public async Task MissingNameInScriptModeIsAnError()
    {
        await using var connection = new TextChatConnection();
        var options = new ClientOptions(ChatEndpoint.Default, null, TimeSpan.Zero, NoColor: true);

        Assert.Equal(1, await ScriptClient.RunAsync(options, connection, new StringReader(""), _stdout, _stderr, CancellationToken.None));
        Assert.Contains("--name", Assert.Single(_stderr.All), StringComparison.Ordinal);
    }

    private async Task<int> RunAsync(FakeChatServer server, TextReader stdin, TimeSpan linger)
    {
        await using var connection = new TextChatConnection();
        var options = new ClientOptions(server.Endpoint, "alice", linger, NoColor: true);
        return await ScriptClient.RunAsync(options, connection, stdin, _stdout, _stderr, CancellationToken.None);
    }
}
