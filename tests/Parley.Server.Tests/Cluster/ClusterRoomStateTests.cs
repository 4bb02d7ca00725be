using Parley.Core.Hub;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Cluster;

/// <summary>Room state shared by the nodes of a cluster (two real servers on one real PostgreSQL database, IRC
/// clients on real sockets): topics, channel modes, operators, bans, invitations and kicks made on one node hold on
/// the other, and two nodes changing one room at once end in the same state.</summary>
public sealed class ClusterRoomStateTests : OnFreshPostgresDatabase
{
    [Fact]
    public async Task Topic_set_on_one_node_is_seen_live_on_the_other_and_stored_for_a_node_that_starts_later()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var ann = await IrcClient.RegisterAsync(nodeA.Irc, "ann");
        await using var bea = await IrcClient.RegisterAsync(nodeB.Irc, "bea");
        await ClusterWait.JoinAsync(ann, "#news");
        await ClusterWait.InRoomAsync(nodeB, "#news", "ann");
        await ClusterWait.JoinAsync(bea, "#news");
        await ClusterWait.InRoomAsync(nodeA, "#news", "bea");

        await ann.SendAsync("TOPIC #news :first edition");
        Assert.Equal(":ann!ann@parley TOPIC #news :first edition", await bea.ExpectAsync("TOPIC"));
        Assert.Equal(":ann!ann@parley TOPIC #news :first edition", await ann.ExpectAsync("TOPIC"));

        // From JSON on node B, once the room is -t (ann is its operator).
        await ann.SendAsync("MODE #news -t");
        await bea.ExpectAsync("MODE");
        await using var jay = await JsonClient.HelloAsync(nodeB.Json, "jay");
        await jay.SendAsync("""{"type":"join","room":"#news"}""" + "\n");
        await jay.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "jay", ClusterWait.Timeout);
        await jay.SendAsync("""{"type":"topic","room":"#news","topic":"second edition"}""" + "\n");
        Assert.Equal(":jay!jay@parley TOPIC #news :second edition", await ann.ExpectAsync("TOPIC"));
        Assert.Equal(":jay!jay@parley TOPIC #news :second edition", await bea.ExpectAsync("TOPIC"));
        Assert.Equal("second edition", nodeA.Hub.GetRoom("#news")!.Topic);

        await using var nodeC = await ClusterTestNodes.StartAsync(Database);
        Assert.Equal("second edition", nodeC.Hub.GetRoom("#news")?.Topic);
        await using var late = await IrcClient.RegisterAsync(nodeC.Irc, "late");
        await late.SendAsync("JOIN #news");
        Assert.EndsWith("#news :second edition", await late.ExpectAsync("332"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Modes_operators_bans_invitations_and_kicks_made_on_one_node_hold_on_the_other()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var ann = await IrcClient.RegisterAsync(nodeA.Irc, "ann");
        await using var bea = await IrcClient.RegisterAsync(nodeB.Irc, "bea");
        await using var cat = await IrcClient.RegisterAsync(nodeB.Irc, "cat");
        await ClusterWait.JoinAsync(ann, "#ops");
        await ClusterWait.InRoomAsync(nodeB, "#ops", "ann");
        await ClusterWait.JoinAsync(bea, "#ops");
        Assert.StartsWith(":bea!", await ann.ExpectAsync("JOIN"), StringComparison.Ordinal);

        // Operator status given on A lets bea act on B, and what she does holds on A.
        await ann.SendAsync("MODE #ops +o bea");
        Assert.Equal(":ann!ann@parley MODE #ops +o bea", await bea.ExpectAsync("MODE"));
        await ann.ExpectAsync("MODE");
        await bea.SendAsync("MODE #ops +mi");
        Assert.Equal(":bea!bea@parley MODE #ops +mi", await ann.ExpectAsync("MODE"));
        await bea.ExpectAsync("MODE");

        // Invite-only on A keeps cat (on B) out until ann (on A) invites him.
        await cat.SendAsync("JOIN #ops");
        await cat.ExpectAsync("473");
        await ann.SendAsync("INVITE cat #ops");
        await ann.ExpectAsync("341");
        Assert.Equal(":ann!ann@parley INVITE cat #ops", await cat.ExpectAsync("INVITE"));
        await ClusterWait.JoinAsync(cat, "#ops");
        Assert.StartsWith(":cat!", await ann.ExpectAsync("JOIN"), StringComparison.Ordinal);

        // A key and a ban set on A refuse joins on B; a key given lets in.
        await ann.SendAsync("MODE #ops -i+kb sesame dan!*@*");
        Assert.Equal(":ann!ann@parley MODE #ops -i+kb sesame dan!*@*", await bea.ExpectAsync("MODE"));
        await ann.ExpectAsync("MODE");
        await using var dan = await IrcClient.RegisterAsync(nodeB.Irc, "dan");
        await dan.SendAsync("JOIN #ops sesame");
        await dan.ExpectAsync("474");
        await using var eve = await IrcClient.RegisterAsync(nodeB.Irc, "eve");
        await eve.SendAsync("JOIN #ops");
        await eve.ExpectAsync("475");
        await ClusterWait.JoinAsync(eve, "#ops sesame");

        // A limit set on B refuses a join on A.
        await ClusterWait.InRoomAsync(nodeA, "#ops", "eve");
        await bea.SendAsync("MODE #ops +l 4");
        Assert.Equal(":bea!bea@parley MODE #ops +l 4", await ann.ExpectAsync("MODE"));
        await bea.ExpectAsync("MODE");
        await using var fay = await IrcClient.RegisterAsync(nodeA.Irc, "fay");
        await fay.SendAsync("JOIN #ops sesame");
        await fay.ExpectAsync("471");

        // A kick on A removes cat, who is on B: he, bea and ann see it, and neither node keeps him in the room.
        await ann.SendAsync("KICK #ops cat :out you go");
        Assert.Equal(":ann!ann@parley KICK #ops cat :out you go", await cat.ExpectAsync("KICK"));
        Assert.Equal(":ann!ann@parley KICK #ops cat :out you go", await bea.ExpectAsync("KICK"));
        Assert.Equal(":ann!ann@parley KICK #ops cat :out you go", await ann.ExpectAsync("KICK"));
        await ClusterWait.UntilAsync(() => nodeB.Hub.GetRoom("#ops")!.Find("cat") is null, "cat gone on B");
        Assert.Null(nodeA.Hub.GetRoom("#ops")!.Find("cat"));
        Assert.DoesNotContain("#ops", nodeB.Hub.RoomsOf(nodeB.Hub.Find("cat")!));

        await ClusterWait.UntilAsync(() => State(nodeA, "#ops") == State(nodeB, "#ops"), "the same #ops on both nodes");
        Assert.Equal("NoExternal, TopicLocked, Moderated|sesame|4|dan!*@*|ann bea||", State(nodeA, "#ops"));

        // A node that starts now asks, and has the room as the others do: its users get no way around the key.
        await using var nodeC = await ClusterTestNodes.StartAsync(Database);
        await ClusterWait.UntilAsync(() => nodeC.Hub.GetRoom("#ops") is not null && State(nodeC, "#ops") == State(nodeA, "#ops"), "#ops on node C");
        await using var gil = await IrcClient.RegisterAsync(nodeC.Irc, "gil");
        await gil.SendAsync("JOIN #ops");
        await gil.ExpectAsync("475");
    }

    [Fact]
    public async Task Two_nodes_changing_one_room_at_once_end_in_the_same_state()
    {
        await using var nodeA = await ClusterTestNodes.StartAsync(Database);
        await using var nodeB = await ClusterTestNodes.StartAsync(Database);
        await using var ann = await IrcClient.RegisterAsync(nodeA.Irc, "ann");
        await using var bea = await IrcClient.RegisterAsync(nodeB.Irc, "bea");
        await ClusterWait.JoinAsync(ann, "#race");
        await ClusterWait.InRoomAsync(nodeB, "#race", "ann");
        await ClusterWait.JoinAsync(bea, "#race");
        await ClusterWait.InRoomAsync(nodeA, "#race", "bea");
        await ann.SendAsync("MODE #race +o bea");
        await bea.ExpectAsync("MODE");

        // Both send conflicting changes without waiting for each other.
        const int Rounds = 20;
        var fromA = Enumerable.Range(0, Rounds).Select(i => $"MODE #race {(i % 2 == 0 ? "+m" : "-m")}+k a{i}").Append("TOPIC #race :topic from a");
        var fromB = Enumerable.Range(0, Rounds).Select(i => $"MODE #race {(i % 2 == 0 ? "-m" : "+m")}+k b{i}").Append("TOPIC #race :topic from b");
        await Task.WhenAll(ann.SendAsync([.. fromA]), bea.SendAsync([.. fromB]));

        // Each sees the other's last topic (so each node has applied everything the other sent), then both agree.
        await ann.ExpectTextAsync("TOPIC #race :topic from b");
        await bea.ExpectTextAsync("TOPIC #race :topic from a");
        await ClusterWait.UntilAsync(() => State(nodeA, "#race") == State(nodeB, "#race"), "the same #race on both nodes");
        var room = nodeA.Hub.GetRoom("#race")!;
        Assert.Contains(room.Topic, new[] { "topic from a", "topic from b" });
        Assert.Contains(room.Key, new[] { $"a{Rounds - 1}", $"b{Rounds - 1}" });
    }

    /// <summary>A room's shared state on one node: flags, key, limit, bans, operators, voiced, topic.</summary>
    private static string State(TestServer node, string roomName)
    {
        var room = node.Hub.GetRoom(roomName)!;
        var ops = string.Join(' ', room.Members.Where(m => m.IsOperator).Select(m => m.Member.Nick).Order(StringComparer.Ordinal));
        var voiced = string.Join(' ', room.Members.Where(m => m.IsVoiced).Select(m => m.Member.Nick).Order(StringComparer.Ordinal));
        return $"{room.Modes}|{room.Key}|{room.Limit}|{string.Join(' ', room.Bans)}|{ops}|{voiced}|{room.Topic}";
    }
}
