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
            [(1, "RoomMessage"), (2, "DirectMessage"), (3, "Joined"), (4, "Left"), (5, "Renamed"), (6, "NodeGone"), (7, "Registered"), (8, "Quit"), (9, "Roster"), (10, "RosterRequest"), (11, "Resumed")],
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
}
