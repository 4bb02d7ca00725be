using System.IO.Pipelines;
using System.Text;

using Parley.Client.Connections;
using Parley.Client.Terminal;
using Parley.Client.Tests.Connections;
using Parley.Protocols.Text;

namespace Parley.Client.Tests.Terminal;

/// <summary>
/// <c>parley client --protocol text</c> against each kind of text server: NICK-prompting (seed 003, unframed or
/// line), REGISTER servers that answer with or without a newline (seed 002), and refusals.
/// </summary>
public sealed class TextDialectScriptTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly LineCapture _stdout = new();
    private readonly LineCapture _stderr = new();

    [Fact]
    public async Task AnswersAnUnframedNickPromptAndChatsUnframed()
    {
        await using var server = new FakeChatServer();
        var stdin = new Pipe();
        await using var connection = new TextChatConnection();
        var run = RunAsync(connection, server.Endpoint, new StreamReader(stdin.Reader.AsStream()));

        await server.SendAsync("NICK");
        await server.ExpectAsync("alice");
        await server.SendAsync("alice joined!");
        Assert.Equal(["* alice joined"], await _stdout.NextLinesAsync(1));
        Assert.Equal((TextDialect.Prompted, false), (connection.Dialect, connection.WritesLines));

        await Write(stdin, "hello\n/users\n");
        await server.ExpectAsync("alice: hello");
        await server.ExpectAsync("alice: /who");
        await server.SendAsync("bob: hi alice");
        Assert.Equal(["bob: hi alice"], await _stdout.NextLinesAsync(1));

        // Two writes merged into one recv come apart at their newlines.
        await server.SendAsync("carol joined!\nMon 2025-07-14: high 91°F");
        Assert.Equal(["* carol joined", "Mon 2025-07-14: high 91°F"], await _stdout.NextLinesAsync(2));

        // A character cut in two between reads is shown whole.
        var cafe = Encoding.UTF8.GetBytes("bob: café");
        await server.SendBytesAsync(cafe[..^1], cafe[^1..]);
        Assert.Equal(["bob: café"], await _stdout.NextLinesAsync(1));

        await server.SendAsync("Server is shutting down.");
        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.Equal(ScriptEventFormatter.ShutdownLine, _stdout.All[^1]);
        Assert.Single(_stdout.All, l => l.Contains("shutting down", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(_stderr.All);
    }

    [Fact]
    public async Task AnswersANickPromptLineWithLines()
    {
        await using var server = new FakeChatServer();
        await using var connection = new TextChatConnection();
        var run = RunAsync(connection, server.Endpoint, new StringReader("hello\n"), linger: TimeSpan.FromSeconds(5));

        await server.SendAsync("NICK\n");
        await server.ExpectAsync("alice\n");
        await server.SendAsync("alice joined!\n");
        await server.ExpectAsync("alice: hello\n");
        await server.SendAsync("bob: h", "i\n");
        Assert.Equal(["* alice joined", "bob: hi"], await _stdout.NextLinesAsync(2));

        // Leaving a prompted server: seed 003 has no goodbye, so the client just closes its side.
        await server.SendAsync("DISCONNECT CHAT/1.0\n");
        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.True(connection.WritesLines);
    }

    [Fact]
    public async Task ChatsThroughSeed003sServer()
    {
        await using var server = new SeedNickServer();
        var bobOut = new LineCapture();
        var bobIn = new Pipe();
        await using var bobConnection = new TextChatConnection();
        var bob = ScriptClient.RunAsync(Options(server.Endpoint, "bob", TimeSpan.FromSeconds(5)), bobConnection, new StreamReader(bobIn.Reader.AsStream()), bobOut, new LineCapture(), CancellationToken.None);
        Assert.Equal("bob", await server.Received.Reader.ReadAsync().AsTask().WaitAsync(Bound));
        await bobOut.NextMatchingAsync(l => l == "* bob joined");

        var aliceIn = new Pipe();
        await using var aliceConnection = new TextChatConnection();
        var alice = RunAsync(aliceConnection, server.Endpoint, new StreamReader(aliceIn.Reader.AsStream()), linger: TimeSpan.FromSeconds(5));
        Assert.Equal("alice", await server.Received.Reader.ReadAsync().AsTask().WaitAsync(Bound));
        await bobOut.NextMatchingAsync(l => l == "* alice joined");

        await Write(aliceIn, "hello bob\n");
        Assert.Equal("alice: hello bob", await server.Received.Reader.ReadAsync().AsTask().WaitAsync(Bound));
        await bobOut.NextMatchingAsync(l => l == "alice: hello bob");
        await Write(bobIn, "hi alice\n");
        Assert.Equal("bob: hi alice", await server.Received.Reader.ReadAsync().AsTask().WaitAsync(Bound));
        await _stdout.NextMatchingAsync(l => l == "bob: hi alice");

        // server.py never closes: leaving must not wait for it.
        await aliceIn.Writer.WriteAsync(Encoding.UTF8.GetBytes("exit\n"));
        Assert.Equal(0, await alice.WaitAsync(Bound));
        Assert.Equal(string.Empty, await server.Received.Reader.ReadAsync().AsTask().WaitAsync(Bound));
        await bobIn.Writer.CompleteAsync();
        Assert.Equal(0, await bob.WaitAsync(Bound));
        Assert.Empty(_stderr.All);
    }

    [Fact]
    public async Task ARefusedNicknameIsARefusal()
    {
        await using var server = new FakeChatServer();
        await using var connection = new TextChatConnection();
        var run = RunAsync(connection, server.Endpoint, new StringReader("hello\n"));

        await server.SendAsync("NICK");
        await server.ExpectAsync("alice");
        await server.SendAsync("error: The nickname alice is taken; choose another.");

        Assert.Equal(1, await run.WaitAsync(Bound));
        Assert.Contains("registration refused: The nickname alice is taken", Assert.Single(_stderr.All), StringComparison.Ordinal);
        Assert.Empty(_stdout.All);
    }

    [Theory]
    [InlineData("200 Registration successful")]
    [InlineData("200 Registration successful\n")]
    public async Task RegistersWhenTheServerStaysSilentWhateverTheReplysFraming(string reply)
    {
        await using var server = new FakeChatServer();
        var stdin = new Pipe();
        await using var connection = new TextChatConnection();
        var run = RunAsync(connection, server.Endpoint, new StreamReader(stdin.Reader.AsStream()));

        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        await server.SendAsync(reply);
        await Write(stdin, "hello\n");
        await server.ExpectAsync("@alice: hello\n");
        Assert.Equal(TextDialect.Registered, connection.Dialect);

        var newline = reply.EndsWith('\n') ? "\n" : string.Empty;
        await server.SendAsync("@bob: hi alice" + newline);
        Assert.Equal(["bob: hi alice"], await _stdout.NextLinesAsync(1));
        await server.SendAsync("DISCONNECT CHAT/1.0" + newline);

        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.Equal(["bob: hi alice", ScriptEventFormatter.ShutdownLine], _stdout.All);
        Assert.Empty(_stderr.All);
    }

    [Theory]
    [InlineData("400 Invalid registration", false, "'alice' is not a valid name (400 Invalid registration)")]
    [InlineData("400 Invalid registration\n", false, "'alice' is not a valid name (400 Invalid registration)")]
    [InlineData("400 Invalid registration", true, "'alice' is not a valid name (400 Invalid registration)")]
    [InlineData("401 Client already registered", false, "the name 'alice' is already taken (401 Client already registered)")]
    [InlineData("401 Client already registered\n", true, "the name 'alice' is already taken (401 Client already registered)")]
    [InlineData("401 Client already registered", true, "the name 'alice' is already taken (401 Client already registered)")]
    public async Task RefusalsAreReportedAsRefusalsWithExitCode1(string reply, bool thenClose, string reason)
    {
        await using var server = new FakeChatServer();
        await using var connection = new TextChatConnection();
        var run = RunAsync(connection, server.Endpoint, new StringReader("hello\n"));

        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        await server.SendAsync(reply);
        if (thenClose)
        {
            await server.CloseAsync();
        }

        Assert.Equal(1, await run.WaitAsync(Bound));
        Assert.Equal("parley: registration refused: " + reason, Assert.Single(_stderr.All));
        Assert.Empty(_stdout.All);
    }

    [Fact]
    public async Task AnAdmissionRefusalBeforeRegisteringIsNamedAsSuch()
    {
        await using var server = new FakeChatServer();
        await using var connection = new TextChatConnection();
        var run = RunAsync(connection, server.Endpoint, new StringReader(string.Empty));

        await server.SendAsync("error: The server is full (at most 4 connections); try again later.\n");
        await server.CloseAsync();

        Assert.Equal(1, await run.WaitAsync(Bound));
        Assert.Contains("refused the connection: The server is full", Assert.Single(_stderr.All), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ANickPromptThatCrossesTheRegisterRequestIsAnsweredAtTheReprompt(bool merged)
    {
        await using var server = new FakeChatServer();
        await using var connection = new TextChatConnection();
        var run = RunAsync(connection, server.Endpoint, new StringReader("hi\n"), linger: TimeSpan.FromMilliseconds(100));

        // What Parley's text port does when its NICK timer fired just before the REGISTER line arrived.
        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        const string refusal = "error: Invalid nickname \"REGISTER alice CHAT/1.0\": a letter, then letters or digits.\n";
        if (merged)
        {
            await server.SendAsync("NICK" + refusal + "NICK\n");
        }
        else
        {
            await server.SendAsync("NICK");
            await server.SendAsync(refusal, "NICK\n");
        }

        await server.ExpectAsync("alice\n");
        await server.SendAsync("alice joined!\n");
        await server.ExpectAsync("alice: hi\n");
        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.Equal(["* alice joined"], _stdout.All);
        Assert.Equal((TextDialect.Prompted, true), (connection.Dialect, connection.WritesLines));
    }

    [Fact]
    public async Task AGreetingBeforeRegistrationIsShownThenTheClientRegisters()
    {
        await using var server = new FakeChatServer();
        await using var connection = new TextChatConnection();
        var run = RunAsync(connection, server.Endpoint, new StringReader(string.Empty), linger: TimeSpan.FromMilliseconds(100));

        await server.SendAsync("Welcome to the chat\n");
        await server.ExpectAsync("REGISTER alice CHAT/1.0\n");
        await server.SendAsync("200 Registration successful\n");
        await server.ExpectAsync("DISCONNECT alice CHAT/1.0\n");
        await server.CloseAsync();

        Assert.Equal(0, await run.WaitAsync(Bound));
        Assert.Equal(["Welcome to the chat"], _stdout.All);
    }

    private static ClientOptions Options(ChatEndpoint endpoint, string name, TimeSpan linger) =>
        new(endpoint, name, linger, NoColor: true) { Protocol = ClientProtocol.Text };

    private static async Task Write(Pipe stdin, string text) => await stdin.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));

    private Task<int> RunAsync(TextChatConnection connection, ChatEndpoint endpoint, TextReader stdin, TimeSpan? linger = null) =>
        ScriptClient.RunAsync(Options(endpoint, "alice", linger ?? TimeSpan.FromSeconds(5)), connection, stdin, _stdout, _stderr, CancellationToken.None);
}
