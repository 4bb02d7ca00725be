using System.IO.Pipelines;
using System.Text;

using Microsoft.Extensions.Logging;

using Parley.Client.Connections;
using Parley.Client.Terminal;
using Parley.Protocols.Text;
using Parley.Server.Hosting;

namespace Parley.Client.Tests.Terminal;

/// <summary>The adaptive text client against Parley's own text port (a real server on port 0): it is prompted with NICK.</summary>
public sealed class ParleyTextPortTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoTextClientsChatThroughParleyAndSeeItShutDownOnce()
    {
        var server = ParleyServerHost.Create(
            new Dictionary<string, string?>
            {
                ["Parley:Server:TextPort"] = "0",
                ["Parley:Server:JsonPort"] = "0",
                ["Parley:Server:HttpPort"] = "0",
                ["Parley:Server:IrcPort"] = "0",
                ["Parley:Server:Host"] = "127.0.0.1",
                ["Parley:Server:ShutdownTimeout"] = "00:00:05",

                // The client waits 500 ms for the NICK prompt, then registers instead (which the text port also takes).
                // CI saw clients register with a 300 ms and with a 50 ms grace: early in a test run the thread pool is
                // short of threads and the server's grace timer ran late. With no grace the prompt is queued as the
                // connection is accepted, ahead of the client's own timer, which keeps this test on the prompted path.
                ["Parley:Server:NickGracePeriod"] = "00:00:00",
                ["Parley:Weather:BaseUrl"] = "http://127.0.0.1:9",
                ["Parley:Weather:GeocodingUrl"] = "http://127.0.0.1:9",
                ["Parley:History:Data"] = ":memory:",
            },
            configureLogging: logging => logging.ClearProviders());
        await using var running = server;
        await server.StartAsync().WaitAsync(Bound);
        var text = server.Endpoints.First(e => e.Name == "text").EndPoint;
        var endpoint = new ChatEndpoint("127.0.0.1", text.Port);

        var alice = new Client("alice", endpoint);
        await alice.ExpectAsync(l => l == "* alice joined");
        var bob = new Client("bob", endpoint);
        await bob.ExpectAsync(l => l == "* bob joined");
        await alice.ExpectAsync(l => l == "* bob joined");
        Assert.Equal(TextDialect.Prompted, alice.Connection.Dialect);

        await alice.TypeAsync("hello bob\n");
        await bob.ExpectAsync(l => l == "alice: hello bob");
        await bob.TypeAsync("/users\n");
        await bob.ExpectAsync(l => l.Contains("alice", StringComparison.Ordinal) && l.Contains("bob", StringComparison.Ordinal));

        // After /nick the client speaks under its new name: the server's "NICKNAME CHANGED TO" is its cue.
        await alice.TypeAsync("/nick alicia\n");
        await bob.ExpectAsync(l => l.Contains("alice", StringComparison.Ordinal) && l.Contains("alicia", StringComparison.Ordinal));
        await alice.ExpectAsync(l => l.Contains("alicia", StringComparison.Ordinal));
        await alice.TypeAsync("renamed now\n");
        await bob.ExpectAsync(l => l.EndsWith("renamed now", StringComparison.Ordinal));
        Assert.Contains("alicia: renamed now", bob.Stdout.All);

        await server.StopAsync().WaitAsync(Bound);
        Assert.Equal(0, await alice.Run.WaitAsync(Bound));
        Assert.Equal(0, await bob.Run.WaitAsync(Bound));
        foreach (var client in new[] { alice, bob })
        {
            Assert.Equal(ScriptEventFormatter.ShutdownLine, client.Stdout.All[^1]);
            Assert.Single(client.Stdout.All, l => l.Contains("shutting down", StringComparison.OrdinalIgnoreCase));
            Assert.Empty(client.Stderr.All);
            await client.Connection.DisposeAsync();
        }
    }

    private sealed class Client
    {
        private readonly Pipe _stdin = new();

        public Client(string name, ChatEndpoint endpoint)
        {
            var options = new ClientOptions(endpoint, name, TimeSpan.FromSeconds(5), NoColor: true) { Protocol = ClientProtocol.Text };
            Run = ScriptClient.RunAsync(options, Connection, new StreamReader(_stdin.Reader.AsStream()), Stdout, Stderr, CancellationToken.None);
        }

        public TextChatConnection Connection { get; } = new();

        public LineCapture Stdout { get; } = new();

        public LineCapture Stderr { get; } = new();

        public Task<int> Run { get; }

        /// <summary>Waits for a matching stdout line; on timeout, fails with everything the client printed.</summary>
        public async Task ExpectAsync(Func<string, bool> match)
        {
            try
            {
                await Stdout.NextMatchingAsync(match);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no such line; stdout: [{string.Join(" | ", Stdout.All)}], stderr: [{string.Join(" | ", Stderr.All)}]");
            }
        }

        public async Task TypeAsync(string text) => await _stdin.Writer.WriteAsync(Encoding.UTF8.GetBytes(text));
    }
}
