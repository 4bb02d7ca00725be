using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Parley.Server.Subscriptions;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>The seed server5.py registry: subscribers that read on their subscribing connection, and subscribers
/// that listen on their registered address and send each message on a short connection.</summary>
public sealed class SubscriberTests : IAsyncLifetime
{
    private readonly RecordingLoggerProvider _logs = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(
        new Dictionary<string, string?>
        {
            ["Parley:Server:SubscriberRedialInitialDelay"] = "00:00:00.010",
            ["Parley:Server:SubscriberRedialMaxDelay"] = "00:00:00.050",
            ["Parley:Server:SubscriberMaxFailures"] = "3",
            ["Parley:Server:UnframedWriteGap"] = "00:00:00.100",
        },
        services => services.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SubscriberReadsOnItsSubscribingConnectionAndIsNamedByItsFirstMessage()
    {
        var port = FreePort();
        await using var sub = await JsonClient.ConnectAsync(_server.Json);
        await sub.SendAsync($$"""{"operation": "subscribe", "client": "127.0.0.1:{{port}}"}""" + "\n");
        var ack = await sub.ReadAsync();
        JsonSeedStyleTests.AssertMessageShaped(ack);
        Assert.Equal(("subscribed", $"127.0.0.1:{port}"), (ack.Str("type"), ack.Str("client")));
        Assert.Equal($"sub{port} joined #general", (await sub.ReadAsync()).Str("message"));

        await using var ola = await JsonClient.HelloAsync(_server.Json, "ola");
        await ola.SendAsync("""{"type":"message","message":"hi subscriber"}""" + "\n");
        var delivered = await sub.ReadUntilAsync(f => f.Str("type") == "message");
        Assert.Equal(("ola", "hi subscriber"), (delivered.Str("user"), delivered.Str("message")));

        await sub.SendAsync("""{"seq": 0, "user": "sam", "message": "hello ola"}""" + "\n");
        var renamed = await ola.ReadUntilAsync(f => f.Str("type") == "renamed");
        Assert.Equal(($"sub{port}", "sam"), (renamed.Str("user"), renamed.Str("to")));
        var fromSam = await ola.ReadUntilAsync(f => f.Str("type") == "message");
        Assert.Equal(("sam", "hello ola", 0L), (fromSam.Str("user"), fromSam.Str("message"), fromSam.Num("seq")!.Value));

        // Not echoed: the next message the subscriber sees is ola's.
        await ola.SendAsync("""{"type":"message","message":"second"}""" + "\n");
        var next = await sub.ReadUntilAsync(f => f.Str("type") == "message");
        Assert.Equal(("ola", "second"), (next.Str("user"), next.Str("message")));

        await sub.SendAsync($$"""{"operation": "unsubscribe", "client": "127.0.0.1:{{port}}"}""" + "\n");
        Assert.Equal("unsubscribed", (await sub.ReadUntilAsync(f => f.Str("type") == "unsubscribed")).Str("type"));
        var left = await ola.ReadUntilAsync(f => f.Str("type") == "left");
        Assert.Equal(("sam", "unsubscribed"), (left.Str("user"), left.Str("reason")));
        Assert.Equal(0, Registry.Count);
    }

    [Fact]
    public async Task ShortConnectionSubscriberGetsOthersMessagesAtItsListenerNotItsOwn()
    {
        await using var listener = new SeedListener();
        await using var ola = await JsonClient.HelloAsync(_server.Json, "ola");
        await SendShortAsync($$"""{"operation": "subscribe", "client": "{{listener.Address}}", "user": "sam"}""");
        await ola.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "sam");

        await SendShortAsync("""{"seq": 0, "user": "sam", "message": "hello from sam"}""");
        var fromSam = await ola.ReadUntilAsync(f => f.Str("type") is "message" or "joined" or "left");
        Assert.Equal(("message", "sam", "hello from sam"), (fromSam.Str("type"), fromSam.Str("user"), fromSam.Str("message")));

        await ola.SendAsync("""{"type":"message","message":"hi sam"}""" + "\n");
        var line = await ReadListenerUntilAsync(listener, f => f.Str("type") == "message");
        Assert.Equal(("ola", "hi sam"), (line.Str("user"), line.Str("message")));
        Assert.Equal(1, _server.Hub.Who("#general")!.Count(n => n == "sam"));

        await SendShortAsync($$"""{"operation": "unsubscribe", "client": "{{listener.Address}}"}""");
        Assert.Equal("unsubscribed", (await ola.ReadUntilAsync(f => f.Str("type") == "left")).Str("reason"));
        await ola.SendAsync("""{"type":"message","message":"after unsubscribe"}""" + "\n");
        await using var probe = await JsonClient.HelloAsync(_server.Json, "probe");
        Assert.Equal(0, Registry.Count);
        Assert.DoesNotContain(Drain(listener), l => l.Contains("after unsubscribe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListenerThatClosesAfterEachMessageStillGetsEveryMessage()
    {
        await using var listener = new SeedListener(oneRecvPerConnection: true);
        await using var ola = await JsonClient.HelloAsync(_server.Json, "ola");
        await SendShortAsync($$"""{"operation": "subscribe", "client": "{{listener.Address}}", "user": "nai"}""");
        await ola.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "nai");
        for (var i = 0; i < 3; i++)
        {
            await ola.SendAsync($$"""{"type":"message","message":"m{{i}}"}""" + "\n");
        }

        var got = new List<string?>();
        while (got.Count < 3)
        {
            got.Add((await ReadListenerUntilAsync(listener, f => f.Str("type") == "message")).Str("message"));
        }

        Assert.Equal(["m0", "m1", "m2"], got);
        Assert.True(listener.Accepted >= 3, $"accepted {listener.Accepted}");
        Assert.Contains(_logs.Entries, e => e.EventId == 413);
    }

    [Fact]
    public async Task SubscriberThatSendsOnItsOpenConnectionButReadsOnItsAddressGetsDeliveries()
    {
        // Many chat5.py programs keep the subscribing connection only for sending and read on their listener.
        await using var listener = new SeedListener();
        await using var sub = await JsonClient.ConnectAsync(_server.Json);
        await sub.SendAsync($$"""{"operation": "subscribe", "client": "{{listener.Address}}", "user": "mia"}""" + "\n");
        await using var ola = await JsonClient.HelloAsync(_server.Json, "ola");
        await ola.SendAsync("""{"type":"message","message":"to your listener"}""" + "\n");

        string line;
        do
        {
            line = await listener.ReadLineAsync();
        }
        while (!line.Contains("to your listener", StringComparison.Ordinal));
        var delivered = JsonDocument.Parse(line).RootElement;
        Assert.Equal(("ola", "to your listener"), (delivered.Str("user"), delivered.Str("message")));

        // It keeps sending on the open connection; the subscription stays one member.
        await sub.SendAsync("""{"seq": 0, "user": "mia", "message": "from mia"}""" + "\n");
        Assert.Equal("from mia", (await ola.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
        Assert.Equal(1, Registry.Count);
    }

    [Fact]
    public async Task NobodyListeningAtTheAddressOfAnOpenSubscriberIsNotAReasonToDropIt()
    {
        var port = FreePort();
        await using var sub = await JsonClient.ConnectAsync(_server.Json);
        await sub.SendAsync($$"""{"operation": "subscribe", "client": "127.0.0.1:{{port}}", "user": "nia"}""" + "\n");
        await using var ola = await JsonClient.HelloAsync(_server.Json, "ola");
        for (var i = 0; i < 5; i++)
        {
            await ola.SendAsync($$"""{"type":"message","message":"m{{i}}"}""" + "\n");
            Assert.Equal($"m{i}", (await sub.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
        }

        // The mirror to the address gave up quietly (event 420) without ending the subscription.
        await ola.SendAsync("""{"type":"message","message":"still here"}""" + "\n");
        Assert.Equal("still here", (await sub.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
        Assert.Equal(1, Registry.Count);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId == 416);
    }

    [Fact]
    public async Task TheSeedExampleAddressOfThisServerItselfIsRefusedAndNeverDialled()
    {
        // The seed's example address, 127.0.0.1:5000, is this server's own text port by default.
        var own = _server.Text.ToString();
        await using var sub = await JsonClient.ConnectAsync(_server.Json);
        await sub.SendAsync($$"""{"operation": "subscribe", "client": "{{own}}"}""" + "\n");
        var refused = await sub.ReadAsync();
        JsonSeedStyleTests.AssertMessageShaped(refused);
        Assert.Equal(("error", "dial-refused"), (refused.Str("type"), refused.Str("code")));
        Assert.Equal(0, Registry.Count);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId is 411 or 412 && e.Message.Contains(own, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreachableSubscriberIsGivenUpAfterTheConfiguredFailures()
    {
        var port = FreePort();
        await using var ola = await JsonClient.HelloAsync(_server.Json, "ola");
        await SendShortAsync($$"""{"operation": "subscribe", "client": "127.0.0.1:{{port}}", "user": "gone"}""");
        await ola.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "gone");
        await ola.SendAsync("""{"type":"message","message":"anyone there?"}""" + "\n");
        var left = await ola.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("user") == "gone");
        Assert.Equal("unreachable", left.Str("reason"));
        Assert.Equal(0, Registry.Count);
        Assert.Equal(2, _logs.Entries.Count(e => e.EventId == 415));
        Assert.Contains(_logs.Entries, e => e.EventId == 416 && e.Message.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShortConnectionFromTheRegisteredAddressIsThatSubscriber()
    {
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)bound.LocalEndPoint!).Port;
        await using var sub = await JsonClient.ConnectAsync(_server.Json);
        await sub.SendAsync($$"""{"operation": "subscribe", "client": "127.0.0.1:{{port}}"}""" + "\n");
        await sub.ReadUntilAsync(f => f.Str("type") == "joined");
        await using var ola = await JsonClient.HelloAsync(_server.Json, "ola");

        await bound.ConnectAsync(_server.Json);
        await bound.SendAsync(Encoding.UTF8.GetBytes("""{"seq": 0, "user": "walt", "message": "by address"}""" + "\n"));
        bound.Shutdown(SocketShutdown.Send);
        var renamed = await ola.ReadUntilAsync(f => f.Str("type") == "renamed");
        Assert.Equal(($"sub{port}", "walt"), (renamed.Str("user"), renamed.Str("to")));
        Assert.Equal("by address", (await ola.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
    }

    [Fact]
    public async Task BadSubscribeAddressesAreRefused()
    {
        await using var client = await JsonClient.ConnectAsync(_server.Json);
        foreach (var address in new[] { "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "bad host:5000", ":5000" })
        {
            await client.SendAsync($$"""{"operation": "subscribe", "client": "{{address}}"}""" + "\n");
            var error = await client.ReadAsync();
            JsonSeedStyleTests.AssertMessageShaped(error);
            Assert.Equal("bad-frame", error.Str("code"));
        }

        Assert.Equal(0, Registry.Count);
    }

    private SubscriberRegistry Registry => _server.Host.Services.GetRequiredService<SubscriberRegistry>();

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static async Task<JsonElement> ReadListenerUntilAsync(SeedListener listener, Func<JsonElement, bool> match)
    {
        while (true)
        {
            var frame = JsonDocument.Parse(await listener.ReadLineAsync()).RootElement.Clone();
            JsonSeedStyleTests.AssertMessageShaped(frame);
            Assert.NotEqual("sam", frame.Str("user"));
            if (match(frame))
            {
                return frame;
            }
        }
    }

    private static List<string> Drain(SeedListener listener)
    {
        var lines = new List<string>();
        while (listener.TryRead(out var line))
        {
            lines.Add(line!);
        }

        return lines;
    }

    /// <summary>As server5.py's clients send: connect, send one frame, close.</summary>
    private async Task SendShortAsync(string frame)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.Json).WaitAsync(RawClient.DefaultTimeout);
        await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(frame + "\n")).AsTask().WaitAsync(RawClient.DefaultTimeout);
    }
}
