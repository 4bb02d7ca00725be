using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Parley.Server.Subscriptions;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// The subscribe registry as an attacker would try it (issue 6): the server connects only where the rules say,
/// with bounded effort, a subscription cannot be taken over, and each limit answers with its own error.
/// </summary>
public sealed class SubscriberSecurityTests
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Parley:Server:SubscriberRedialInitialDelay"] = "00:00:00.010",
        ["Parley:Server:SubscriberRedialMaxDelay"] = "00:00:00.050",
        ["Parley:Server:SubscriberMaxFailures"] = "2",
    };

    private readonly RecordingLoggerProvider _logs = new();

    [Fact]
    public async Task Another_host_a_different_localhost_and_privileged_ports_are_refused_and_never_dialled()
    {
        await using var server = await StartAsync();
        await using var otherHost = new CountingListener(IPAddress.Parse("127.0.0.2"));
        await using var privileged = new CountingListener(IPAddress.Loopback);
        var refused = new List<string> { otherHost.EndPoint.ToString(), "127.0.0.1:80", "127.0.0.1:1023", $"127.0.0.2:{privileged.EndPoint.Port}" };
        CountingListener? ipv6 = null;
        if (Socket.OSSupportsIPv6)
        {
            ipv6 = new CountingListener(IPAddress.IPv6Loopback);
            refused.Add(ipv6.EndPoint.ToString());
        }

        try
        {
            // From 127.0.0.1: another loopback address, ::1 and ports below 1024 are not its own address.
            foreach (var address in refused)
            {
                await using var sub = await JsonClient.ConnectAsync(server.Json);
                await sub.SendAsync($$"""{"operation": "subscribe", "client": "{{address}}"}""" + "\n");
                var error = await sub.ReadAsync();
                Assert.Equal(("error", "dial-refused"), (error.Str("type"), error.Str("code")));
            }

            // From 127.0.0.2: "localhost" is 127.0.0.1 and ::1, neither of which it connects from.
            using (var from2 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                from2.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                await from2.ConnectAsync(server.Json);
                await from2.SendAsync(Encoding.UTF8.GetBytes($$"""{"operation": "subscribe", "client": "localhost:{{privileged.EndPoint.Port}}"}""" + "\n"));
                var line = await ReadLineAsync(from2);
                Assert.Equal("dial-refused", JsonDocument.Parse(line).RootElement.Str("code"));
            }

            // Events flow (a well-behaved subscriber gets one at its listener): none of the refused was dialled.
            await ProveDeliveryAsync(server);
            Assert.Equal(0, otherHost.Accepted);
            Assert.Equal(0, privileged.Accepted);
            Assert.Equal(0, ipv6?.Accepted ?? 0);
            Assert.Equal(1, Registry(server).Count);
        }
        finally
        {
            if (ipv6 is not null)
            {
                await ipv6.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_servers_own_listeners_are_refused_while_open_after_close_and_on_resubscribe()
    {
        await using var server = await StartAsync();
        var own = new[] { server.Text.ToString(), server.Json.ToString(), $"0.0.0.0:{server.Json.Port}", $"localhost:{server.Text.Port}" };
        foreach (var address in own)
        {
            await using (var sub = await JsonClient.ConnectAsync(server.Json))
            {
                await sub.SendAsync($$"""{"operation": "subscribe", "client": "{{address}}", "user": "loop"}""" + "\n");
                Assert.Equal("dial-refused", (await sub.ReadAsync()).Str("code"));

                // Subscribing again on the same connection is refused the same way.
                await sub.SendAsync($$"""{"operation": "subscribe", "client": "{{address}}"}""" + "\n");
                Assert.Equal("dial-refused", (await sub.ReadAsync()).Str("code"));
            }

            // And after that connection closed, from a short connection.
            await SendShortAsync(server, $$"""{"operation": "subscribe", "client": "{{address}}"}""");
        }

        await ProveDeliveryAsync(server);
        Assert.Equal(1, Registry(server).Count);
        Assert.DoesNotContain("loop", server.Hub.Who("#general")!);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId is 411 or 412 or 421 && own.Any(a => e.Message.Contains(a, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_thousand_subscribe_frames_in_one_write_make_one_subscription_and_one_dial()
    {
        await using var server = await StartAsync(new() { ["Parley:Server:MaxSubscriptionsPerIp"] = "1000", ["Parley:Server:MessagesPerSecond"] = "0" });
        await using var sub = await JsonClient.ConnectAsync(server.Json);
        var frames = new StringBuilder();
        var basePort = 20_000;
        for (var i = 0; i < 1000; i++)
        {
            frames.Append($$"""{"operation": "subscribe", "client": "127.0.0.1:{{basePort + i}}"}""").Append('\n');
        }

        await sub.SendAsync(frames.ToString());
        Assert.Equal("subscribed", (await sub.ReadAsync()).Str("type"));
        var others = 0;
        while (others < 999)
        {
            var frame = await sub.ReadAsync();
            if (frame.Str("type") == "error")
            {
                Assert.Equal("already-subscribed", frame.Str("code"));
                others++;
            }
        }

        Assert.Equal(1, Registry(server).Count);

        // The one subscription's address takes no connection while its connection is open: tried once, then quiet.
        await using var ola = await JsonClient.HelloAsync(server.Json, "ola");
        for (var i = 0; i < 3; i++)
        {
            await ola.SendAsync($$"""{"type":"message","message":"m{{i}}"}""" + "\n");
            Assert.Equal($"m{i}", (await sub.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
        }

        Assert.Single(_logs.Entries, e => e.EventId == 412);
        Assert.Contains(_logs.Entries, e => e.EventId == 420);
    }

    [Fact]
    public async Task Dials_over_the_whole_server_keep_to_the_configured_rate()
    {
        const int rate = 10;
        const int subscribers = 25;
        await using var server = await StartAsync(new()
        {
            ["Parley:Server:MaxSubscriptionsPerIp"] = "1000",
            ["Parley:Server:SubscriberDialsPerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Parley:Server:SubscriberMaxFailures"] = "1",
        });
        await using var ola = await JsonClient.HelloAsync(server.Json, "ola");

        // Short subscribing connections: each subscription's only path is its address, where nobody listens.
        var sent = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, subscribers).Select(i =>
            SendShortAsync(server, $$"""{"operation": "subscribe", "client": "127.0.0.1:{{30_000 + i}}", "user": "s{{i}}"}""")));
        var gone = 0;
        while (gone < subscribers)
        {
            var left = await ola.ReadUntilAsync(f => f.Str("type") == "left", TimeSpan.FromSeconds(30));
            Assert.Equal("unreachable", left.Str("reason"));
            gone++;
        }

        var dials = _logs.Entries.Where(e => e.EventId == 412).Select(e => e.At).Order().ToArray();
        // Each subscription is dialled once after its short connection closed; one whose first event came while that
        // connection was still open was dialled once before too (as a mirror), so there may be a few more.
        Assert.InRange(dials.Length, subscribers, 2 * subscribers);

        // Dial k (counted from 0) cannot start before k spacings after the first subscribe was sent; what is
        // logged is each dial's failure, which comes after its start (later still on a busy machine), so the
        // k-th logged failure is no earlier than that either. Unlimited, all 25 would fail within milliseconds.
        var spacing = TimeSpan.FromSeconds(1.0 / rate);
        for (var k = 0; k < dials.Length; k++)
        {
            var at = Stopwatch.GetElapsedTime(sent, dials[k]);
            Assert.True(at >= (spacing * k) - TimeSpan.FromMilliseconds(5), $"dial {k} failed {at.TotalMilliseconds:0} ms after the subscribes were sent");
        }
    }

    [Fact]
    public async Task A_second_connection_cannot_take_rename_or_end_a_subscription_nor_read_its_private_messages()
    {
        await using var server = await StartAsync();
        await using var listener = new SeedListener();
        await using var victim = await JsonClient.ConnectAsync(server.Json);
        await victim.SendAsync($$"""{"operation": "subscribe", "client": "{{listener.Address}}", "user": "vic"}""" + "\n");
        Assert.Equal("subscribed", (await victim.ReadAsync()).Str("type"));

        await using var thief = await JsonClient.ConnectAsync(server.Json);
        await thief.SendAsync($$"""{"operation": "subscribe", "client": "{{listener.Address}}", "user": "thief"}""" + "\n");
        var taken = await thief.ReadAsync();
        Assert.Equal(("subscription-taken", $"{listener.Address} is subscribed by another connection."), (taken.Str("code"), taken.Str("text")));

        await thief.SendAsync($$"""{"operation": "unsubscribe", "client": "{{listener.Address}}"}""" + "\n");
        Assert.Equal("not-owner", (await thief.ReadAsync()).Str("code"));

        // Speaking as the subscriber is registering a taken nick, not renaming or posting as it.
        await thief.SendAsync("""{"seq": 0, "user": "vic", "message": "spoofed"}""" + "\n");
        Assert.Equal("nick-taken", (await thief.ReadAsync()).Str("code"));

        await using var ola = await JsonClient.HelloAsync(server.Json, "ola");
        await ola.SendAsync("""{"type":"msg","to":"vic","message":"for vic only"}""" + "\n");
        var direct = await victim.ReadUntilAsync(f => f.Str("type") == "direct");
        Assert.Equal(("ola", "for vic only"), (direct.Str("user"), direct.Str("message")));

        await thief.SendAsync("""{"type":"ping"}""" + "\n");
        var next = await thief.ReadUntilAsync(f => f.Str("type") is "pong" or "direct" or "message");
        Assert.Equal("pong", next.Str("type"));
        Assert.Equal(1, Registry(server).Count);
        Assert.Contains("vic", server.Hub.Who("#general")!);
        Assert.DoesNotContain("thief", server.Hub.Who("#general")!);

        // Once the owner has gone, a connection from the same IP may claim it again.
        await victim.DisposeAsync();
        await using var heir = await JsonClient.ConnectAsync(server.Json);
        await WaitUntilAsync(async () =>
        {
            await heir.SendAsync($$"""{"operation": "subscribe", "client": "{{listener.Address}}"}""" + "\n");
            return (await heir.ReadAsync()).Str("type") == "subscribed";
        });
    }

    [Fact]
    public async Task Limits_answer_with_the_error_that_names_them_and_quote_at_most_64_characters()
    {
        await using var server = await StartAsync(new() { ["Parley:Server:MaxSubscriptionsPerIp"] = "2", ["Parley:Server:MaxSubscribers"] = "3" });
        var holders = new List<JsonClient>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var holder = await JsonClient.ConnectAsync(server.Json);
                holders.Add(holder);
                await holder.SendAsync($$"""{"operation": "subscribe", "client": "127.0.0.1:{{40_000 + i}}"}""" + "\n");
                Assert.Equal("subscribed", (await holder.ReadAsync()).Str("type"));
            }

            await using var third = await JsonClient.ConnectAsync(server.Json);
            await third.SendAsync("""{"operation": "subscribe", "client": "127.0.0.1:40002"}""" + "\n");
            Assert.Equal(
                """{"seq":0,"user":"server","message":"Too many subscriptions from 127.0.0.1: at most 2.","type":"error","code":"too-many-subscriptions","text":"Too many subscriptions from 127.0.0.1: at most 2.","time":"T"}""",
                WithoutTime(await third.ReadLineAsync()));

            // Error replies quote at most 64 characters of what was refused.
            var huge = new string('x', 60_000);
            await using var named = await JsonClient.ConnectAsync(server.Json);
            await named.SendAsync($$"""{"type":"hello","user":"{{huge}}"}""" + "\n");
            var nick = await named.ReadAsync();
            Assert.Equal("nick-invalid", nick.Str("code"));
            Assert.Contains(new string('x', 64) + "...", nick.Str("text"), StringComparison.Ordinal);
            Assert.True(nick.Str("text")!.Length < 200, nick.Str("text"));

            await third.SendAsync($$"""{"operation": "subscribe", "client": "{{huge[..250]}}:5000"}""" + "\n");
            var address = await third.ReadAsync();
            Assert.Equal("bad-frame", address.Str("code"));
            Assert.True(address.Str("text")!.Length < 200, address.Str("text"));

            await named.SendAsync($$"""{"type":"{{huge}}"}""" + "\n");
            var type = await named.ReadAsync();
            Assert.Equal("bad-frame", type.Str("code"));
            Assert.True(type.Str("text")!.Length < 200, type.Str("text"));
        }
        finally
        {
            foreach (var holder in holders)
            {
                await holder.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_server_wide_subscription_limit_names_itself()
    {
        await using var server = await StartAsync(new() { ["Parley:Server:MaxSubscribers"] = "1" });
        await using var first = await JsonClient.ConnectAsync(server.Json);
        await first.SendAsync("""{"operation": "subscribe", "client": "127.0.0.1:40010"}""" + "\n");
        Assert.Equal("subscribed", (await first.ReadAsync()).Str("type"));
        await using var second = await JsonClient.ConnectAsync(server.Json);
        await second.SendAsync("""{"operation": "subscribe", "client": "127.0.0.1:40011"}""" + "\n");
        Assert.Equal(
            """{"seq":0,"user":"server","message":"Too many subscriptions: this server takes at most 1.","type":"error","code":"too-many-subscriptions","text":"Too many subscriptions: this server takes at most 1.","time":"T"}""",
            WithoutTime(await second.ReadLineAsync()));
    }

    [Fact]
    public async Task With_dial_back_off_a_subscription_lives_on_its_connection_and_nothing_is_dialled()
    {
        await using var server = await StartAsync(new() { ["Parley:Server:SubscribeDial"] = "off" });
        await using var listener = new CountingListener(IPAddress.Loopback);
        await using var ola = await JsonClient.HelloAsync(server.Json, "ola");
        await using (var sub = await JsonClient.ConnectAsync(server.Json))
        {
            await sub.SendAsync($$"""{"operation": "subscribe", "client": "{{listener.EndPoint}}", "user": "offy"}""" + "\n");
            Assert.Equal("subscribed", (await sub.ReadAsync()).Str("type"));
            await ola.SendAsync("""{"type":"message","message":"on the connection"}""" + "\n");
            Assert.Equal("on the connection", (await sub.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
        }

        var left = await ola.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("user") == "offy");
        Assert.Equal("connection closed", left.Str("reason"));
        Assert.Equal(0, listener.Accepted);
        Assert.Equal(0, Registry(server).Count);
    }

    private static string WithoutTime(string? line) => Regex.Replace(line ?? string.Empty, "\"time\":\"[^\"]*\"", "\"time\":\"T\"");

    private static SubscriberRegistry Registry(TestServer server) => server.Host.Services.GetRequiredService<SubscriberRegistry>();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < RawClient.DefaultTimeout, "condition not met in time");
        }
    }

    private static async Task<string> ReadLineAsync(Socket socket)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        using var deadline = new CancellationTokenSource(RawClient.DefaultTimeout);
        while (await socket.ReceiveAsync(one, SocketFlags.None, deadline.Token) == 1 && one[0] != '\n')
        {
            bytes.Add(one[0]);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static async Task SendShortAsync(TestServer server, string frame)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Json).WaitAsync(RawClient.DefaultTimeout);
        await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(frame + "\n")).AsTask().WaitAsync(RawClient.DefaultTimeout);
    }

    /// <summary>A subscriber that listens where it connects from gets a posted message at its listener.</summary>
    private static async Task ProveDeliveryAsync(TestServer server)
    {
        await using var listener = new SeedListener();
        await using var ola = await JsonClient.HelloAsync(server.Json, "prover");
        await SendShortAsync(server, $$"""{"operation": "subscribe", "client": "{{listener.Address}}", "user": "good"}""");
        await ola.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "good");
        await ola.SendAsync("""{"type":"message","message":"proof"}""" + "\n");
        string line;
        do
        {
            line = await listener.ReadLineAsync();
        }
        while (!line.Contains("proof", StringComparison.Ordinal));
    }

    private async Task<TestServer> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(FastRetries);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return await TestServer.StartAsync(all, services => services.AddSingleton<ILoggerProvider>(_logs));
    }
}
