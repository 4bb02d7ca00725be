using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;

using Parley.Client.Connections;
using Parley.Client.Terminal;
using Parley.Client.Tests.Connections;

namespace Parley.Client.Tests.Terminal;

/// <summary>chat5.py mode (<c>--listen</c>): exact seed bytes to the server, deliveries from the server's own dials shown.</summary>
public sealed class ListenModeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly LineCapture _stdout = new();
    private readonly LineCapture _stderr = new();

    [Fact]
    public async Task SubscribesSendsSeedMessagesShowsInboundDeliveriesAndUnsubscribesOnExit()
    {
        await using var server = new FakeChatServer();
        var stdin = new Pipe();
        var run = RunAsync(server, new StreamReader(stdin.Reader.AsStream()), unsubscribeWait: Bound);

        var listening = Assert.Single(await _stdout.NextLinesAsync(1));
        Assert.StartsWith("listening 127.0.0.1:", listening, StringComparison.Ordinal);
        var client = listening["listening ".Length..];
        var port = int.Parse(client[(client.IndexOf(':', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(0, port);

        await server.ExpectAsync("{\"operation\": \"subscribe\", \"client\": \"" + client + "\", \"user\": \"alice\"}\n");
        await server.SendAsync("{\"type\":\"subscribed\",\"client\":\"" + client + "\"}\n");
        Assert.Equal(["* subscribed as " + client], await _stdout.NextLinesAsync(1));

        await stdin.Writer.WriteAsync(Encoding.UTF8.GetBytes("hello\ncafé\n"));
        await server.ExpectAsync("{\"seq\": 0, \"user\": \"alice\", \"message\": \"hello\"}\n{\"seq\": 1, \"user\": \"alice\", \"message\": \"caf\\u00e9\"}\n");

        // The server dials the registered address and writes message-shaped frames, split and merged.
        using (var dial = new TcpClient())
        {
            await dial.ConnectAsync("127.0.0.1", port).WaitAsync(Bound);
            var stream = dial.GetStream();
            foreach (var chunk in new[] { "{\"seq\": 0, \"user\": \"bob\", \"mes", "sage\": \"hi there\"}\n{\"seq\":1,\"user\":\"server\",\"message\":\"carol joined\"}", "\n" })
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(chunk));
                await stream.FlushAsync();
            }

            Assert.Equal(["bob: hi there", "* carol joined"], await _stdout.NextLinesAsync(2));
        }

        // Deliveries on the subscribing connection itself are shown the same way; rooms are not named.
        await server.SendAsync("{\"seq\":2,\"user\":\"dave\",\"message\":\"yo\",\"type\":\"message\",\"room\":\"#general\",\"id\":9}\n");
        Assert.Equal(["dave: yo"], await _stdout.NextLinesAsync(1));

        await stdin.Writer.WriteAsync(Encoding.UTF8.GetBytes("exit\nnot sent\n"));
        await server.ExpectAsync("{\"operation\": \"unsubscribe\", \"client\": \"" + client + "\"}\n");
        await server.SendAsync("{\"type\":\"unsubscribed\",\"client\":\"" + client + "\"}\n");

        Assert.Equal(0, await run.WaitAsync(Bound));
        await server.ExpectEndAsync();
        Assert.Equal("* unsubscribed " + client, _stdout.All[^1]);
        Assert.Empty(_stderr.All);
    }

    [Fact]
    public async Task EndOfInputUnsubscribesEvenIfTheServerNeverAnswers()
    {
        await using var server = new FakeChatServer();
        var run = RunAsync(server, new StringReader("hi\n"), linger: TimeSpan.FromMilliseconds(100));

        var client = (await _stdout.NextLinesAsync(1))[0]["listening ".Length..];
        await server.ExpectAsync(
            "{\"operation\": \"subscribe\", \"client\": \"" + client + "\", \"user\": \"alice\"}\n"
            + "{\"seq\": 0, \"user\": \"alice\", \"message\": \"hi\"}\n"
            + "{\"operation\": \"unsubscribe\", \"client\": \"" + client + "\"}\n");

        Assert.Equal(0, await run.WaitAsync(Bound));
        await server.ExpectEndAsync();
    }

    [Fact]
    public void LeavingWaitsOnlyBrieflyForAnUnsubscribeAcknowledgementSeedServersNeverSend()
    {
        // server5.py never answers an unsubscribe; the user's "exit" must not hang on it.
        Assert.InRange(SubscriberConnection.DefaultUnsubscribeWait, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    private async Task<int> RunAsync(FakeChatServer server, TextReader stdin, TimeSpan? linger = null, TimeSpan? unsubscribeWait = null)
    {
        // The acknowledgement test waits as long as it needs: the real bound is short and a loaded machine is slow.
        await using var connection = new SubscriberConnection("127.0.0.1", 0, unsubscribeWait: unsubscribeWait);
        var options = new ClientOptions(server.Endpoint, "alice", linger ?? TimeSpan.FromSeconds(5), NoColor: true) { ListenPort = 0 };
        return await ScriptClient.RunAsync(options, connection, stdin, _stdout, _stderr, CancellationToken.None);
    }
}
