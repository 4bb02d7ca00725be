using System.Text.Json;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>Two real servers (in this process, every listener on port 0) on one real PostgreSQL database: one chat.</summary>
public sealed class TwoNodeTests : OnFreshPostgresDatabase
{
    [Fact]
    public async Task Users_on_two_nodes_share_rooms_messages_direct_messages_who_and_history()
    {
        await using var nodeA = await StartNodeAsync();
        await using var nodeB = await StartNodeAsync();
        await using var alice = await JsonClient.HelloAsync(nodeA.Json, "alice");
        await using var bob = await JsonClient.HelloAsync(nodeB.Json, "bob");

        // Each sees the other arrive in #general, though they are on different servers.
        await alice.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "bob");

        await bob.SendAsync("""{"type":"message","message":"hello from B"}""" + "\n");
        var fromB = await alice.ReadUntilAsync(f => f.Str("type") == "message");
        Assert.Equal(("bob", "hello from B", "#general"), (fromB.Str("user"), fromB.Str("message"), fromB.Str("room")));
        await alice.SendAsync("""{"type":"message","message":"hello from A"}""" + "\n");
        var fromA = await bob.ReadUntilAsync(f => f.Str("type") == "message");
        Assert.Equal(("alice", "hello from A"), (fromA.Str("user"), fromA.Str("message")));
        Assert.True(fromA.Num("id") > fromB.Num("id"));

        // Direct messages both ways.
        await alice.SendAsync("""{"type":"msg","to":"bob","message":"psst B"}""" + "\n");
        var toBob = await bob.ReadUntilAsync(f => f.Str("type") == "direct");
        Assert.Equal(("alice", "psst B", "bob"), (toBob.Str("user"), toBob.Str("message"), toBob.Str("to")));
        await bob.SendAsync("""{"type":"msg","to":"alice","message":"psst A"}""" + "\n");
        Assert.Equal("psst A", (await alice.ReadUntilAsync(f => f.Str("type") == "direct")).Str("message"));

        // /who and /rooms see the whole cluster.
        await bob.SendAsync("""{"type":"join","room":"#cluster"}""" + "\n");
        await bob.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "bob" && f.Str("room") == "#cluster");
        await alice.SendAsync("""{"type":"join","room":"#cluster"}""" + "\n");
        await bob.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "alice" && f.Str("room") == "#cluster");
        await alice.SendAsync("""{"type":"who","room":"#general"}""" + "\n");
        var who = (await alice.ReadUntilAsync(f => f.Str("kind") == "who")).Str("text");
        Assert.Contains("alice", who, StringComparison.Ordinal);
        Assert.Contains("bob", who, StringComparison.Ordinal);
        await bob.SendAsync("""{"type":"rooms"}""" + "\n");
        Assert.Contains("#cluster (2)", (await bob.ReadUntilAsync(f => f.Str("kind") == "rooms")).Str("text"), StringComparison.Ordinal);

        // A nickname held on one node is refused on the other.
        await using var impostor = await JsonClient.ConnectAsync(nodeB.Json);
        await impostor.SendAsync("""{"type":"hello","user":"ALICE"}""" + "\n");
        Assert.Equal("nick-taken", (await impostor.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));

        // History is shared: a newcomer on B is replayed what was said on A.
        await using var carol = await JsonClient.HelloAsync(nodeB.Json, "carol");
        var replayed = await carol.ReadUntilAsync(f => f.Str("message") == "hello from A");
        Assert.True(replayed.GetProperty("history").GetBoolean());
        Assert.Equal(fromA.Num("id"), replayed.Num("id"));

        // A part on one node is shown on the other.
        await alice.SendAsync("""{"type":"part","room":"#cluster"}""" + "\n");
        var parted = await bob.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("room") == "#cluster");
        Assert.Equal("alice", parted.Str("user"));
    }

    [Fact]
    public async Task Every_member_on_every_node_sees_a_rooms_messages_in_the_same_id_order()
    {
        await using var nodeA = await StartNodeAsync();
        await using var nodeB = await StartNodeAsync();
        await using var watchA = await JsonClient.HelloAsync(nodeA.Json, "watcha");
        await using var watchB = await JsonClient.HelloAsync(nodeB.Json, "watchb");
        await using var senderA = await JsonClient.HelloAsync(nodeA.Json, "sendera");
        await using var senderB = await JsonClient.HelloAsync(nodeB.Json, "senderb");
        await watchA.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "senderb");
        await watchB.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "sendera");

        const int PerSender = 15;
        var sends = new[] { senderA, senderB }.Select(async (sender, n) =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                await sender.SendAsync($$"""{"type":"message","message":"m{{n}}-{{i}}"}""" + "\n");
            }
        });
        await Task.WhenAll(sends);

        var seenA = await MessagesAsync(watchA, 2 * PerSender);
        var seenB = await MessagesAsync(watchB, 2 * PerSender);
        Assert.Equal(seenA, seenB);
        Assert.Equal(seenA.OrderBy(m => m.Id), seenA);
        Assert.Equal(2 * PerSender, seenA.Select(m => m.Text).Distinct().Count());
    }

    [Fact]
    public async Task Irc_users_see_remote_users_join_speak_rename_and_leave()
    {
        await using var nodeA = await StartNodeAsync();
        await using var nodeB = await StartNodeAsync();
        await using var irc = await IrcClient.RegisterAsync(nodeB.Irc, "ivy");
        await irc.SendAsync("JOIN #general");
        await irc.ExpectAsync("366");

        await using var json = await JsonClient.HelloAsync(nodeA.Json, "jay");
        Assert.StartsWith(":jay!", await irc.ExpectAsync("JOIN"), StringComparison.Ordinal);
        await irc.SendAsync("NAMES #general");
        Assert.Contains("jay", await irc.ExpectAsync("353"), StringComparison.Ordinal);
        // ivy's join travels to node A through the database on its own schedule: ask until it has arrived.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        string who;
        do
        {
            await json.SendAsync("""{"type":"who","room":"#general"}""" + "\n");
            who = (await json.ReadUntilAsync(f => f.Str("kind") == "who")).Str("text") ?? string.Empty;
        }
        while (!who.Contains("ivy", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
        Assert.Contains("ivy", who, StringComparison.Ordinal);

        await json.SendAsync("""{"type":"message","message":"hi ivy"}""" + "\n");
        Assert.EndsWith("PRIVMSG #general :hi ivy", await irc.ExpectAsync("PRIVMSG"), StringComparison.Ordinal);
        await irc.SendAsync("PRIVMSG jay :private hello");
        Assert.Equal("private hello", (await json.ReadUntilAsync(f => f.Str("type") == "direct")).Str("message"));

        await json.SendAsync("""{"type":"message","message":"/nick jules"}""" + "\n");
        Assert.Contains("jules", await irc.ExpectAsync("NICK"), StringComparison.Ordinal);
        await json.SendAsync("""{"type":"quit"}""" + "\n");
        Assert.StartsWith(":jules!", await irc.ExpectAsync("QUIT"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_a_node_stops_the_other_announces_its_users_gone_and_frees_their_nicknames()
    {
        await using var nodeA = await StartNodeAsync();
        await using var bob = await JsonClient.HelloAsync(nodeA.Json, "bob");
        await using (var nodeB = await StartNodeAsync())
        {
            await using var alice = await JsonClient.HelloAsync(nodeB.Json, "alice");
            await bob.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "alice");
        }

        var left = await bob.ReadUntilAsync(f => f.Str("type") == "left" && f.Str("user") == "alice");
        Assert.Equal("#general", left.Str("room"));
        await using var again = await JsonClient.HelloAsync(nodeA.Json, "alice");
    }

    private static async Task<List<(long Id, string Text)>> MessagesAsync(JsonClient client, int count)
    {
        var seen = new List<(long, string)>();
        while (seen.Count < count)
        {
            var frame = await client.ReadUntilAsync(f => f.Str("type") == "message");
            seen.Add((frame.Num("id")!.Value, frame.Str("message")!));
        }

        return seen;
    }

    private Task<TestServer> StartNodeAsync(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Server:Postgres"] = Database.ConnectionString,

            // Test clients send faster than people do.
            ["Parley:Server:MessagesPerSecond"] = "0",

            // Slow enough that no node is reaped on a loaded machine unless a test means it.
            ["Parley:Cluster:HeartbeatInterval"] = "00:00:01",
            ["Parley:Cluster:NodeLease"] = "00:05:00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TestServer.StartAsync(settings);
    }
}
