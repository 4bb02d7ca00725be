using System.Text.Json;

using Parley.Core.Cluster;
using Parley.Server.Cluster;

namespace Parley.Server.Tests.Cluster;

/// <summary>Cluster events travel between nodes that may run different builds: their numbers and field names are pinned.</summary>
public sealed class ClusterEventKindTests
{
    [Fact]
    public void Kind_numbers_are_pinned()
    {
        Assert.Equal(
            [(1, "RoomMessage"), (2, "DirectMessage"), (3, "Joined"), (4, "Left"), (5, "Renamed"), (6, "NodeGone"), (7, "Registered"), (8, "Quit"), (9, "Roster"), (10, "RosterRequest"), (11, "Resumed"),
                (12, "Notice"), (13, "Away"), (14, "Topic"), (15, "Modes"), (16, "Invited"), (17, "Kicked"), (18, "AccountChanged"), (19, "RoomState"), (20, "Tags")],
            Enum.GetValues<ClusterEventKind>().Select(k => ((int)k, k.ToString())));
    }

    [Fact]
    public void The_wire_form_of_a_message_is_pinned()
    {
        var message = new ClusterEvent(ClusterEventKind.RoomMessage, "node-1", "#general", "alice", null, "hi", 42, 7, DateTimeOffset.FromUnixTimeMilliseconds(1_000));
        Assert.Equal(
            """{"Kind":1,"Node":"node-1","Room":"#general","Nick":"alice","Text":"hi","Id":42,"Seq":7,"Time":"1970-01-01T00:00:01+00:00"}""",
            JsonSerializer.Serialize(message, ClusterEventJson.Default.ClusterEvent));
    }

    [Fact]
    public void The_wire_form_of_an_event_with_an_account_is_pinned()
    {
        var joined = new ClusterEvent(ClusterEventKind.Joined, "node-1", "#ops", "ann", null, "@+nt", 0, 0, DateTimeOffset.FromUnixTimeMilliseconds(1_000), "ann");
        var json = JsonSerializer.Serialize(joined, ClusterEventJson.Default.ClusterEvent);
        Assert.Equal(
            """{"Kind":3,"Node":"node-1","Room":"#ops","Nick":"ann","Text":"@\u002Bnt","Time":"1970-01-01T00:00:01+00:00","Account":"ann"}""",
            json);
        Assert.Equal(joined, JsonSerializer.Deserialize(json, ClusterEventJson.Default.ClusterEvent));

        // An event from a node that does not send an account yet reads as a guest's.
        Assert.Null(JsonSerializer.Deserialize("""{"Kind":3,"Node":"n","Room":"#r","Nick":"x"}""", ClusterEventJson.Default.ClusterEvent)!.Account);
    }

    [Fact]
    public void The_wire_form_of_a_tagmsg_is_pinned()
    {
        var tags = new ClusterEvent(ClusterEventKind.Tags, "node-1", "#r", "ann", null, null, 12, 0, DateTimeOffset.FromUnixTimeMilliseconds(1_000), Tags: "+typing=active");
        var json = JsonSerializer.Serialize(tags, ClusterEventJson.Default.ClusterEvent);
        Assert.Equal(
            """{"Kind":20,"Node":"node-1","Room":"#r","Nick":"ann","Id":12,"Time":"1970-01-01T00:00:01+00:00","Tags":"\u002Btyping=active"}""",
            json);
        Assert.Equal(tags, JsonSerializer.Deserialize(json, ClusterEventJson.Default.ClusterEvent));
    }

    [Fact]
    public void Room_state_and_messages_reach_their_own_node_and_nothing_else_does()
    {
        Assert.Equal(
            [ClusterEventKind.RoomMessage, ClusterEventKind.DirectMessage, ClusterEventKind.Topic, ClusterEventKind.Modes],
            Enum.GetValues<ClusterEventKind>().Where(k => k.ReachesOwnNode()));
    }
}
