using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>Member views: appends share a lineage (a later view extends an earlier one), a departure starts a new one.</summary>
public sealed class RoomMembersTests
{
    [Fact]
    public void A_view_made_by_joins_extends_the_views_before_it_and_a_departure_breaks_the_lineage()
    {
        var room = new Room("#r", queueLength: 16, backlog: null);
        var harness = new HubHarness();
        var a = harness.Register("a").Member;
        var b = harness.Register("b").Member;
        var c = harness.Register("c").Member;

        room.Add(a);
        var one = room.Snapshot;
        room.Add(b);
        room.Add(c); // the buffer grows here (4 slots): still the same lineage
        var three = room.Snapshot;
        Assert.True(three.Extends(one));
        Assert.True(one.Extends(one));
        Assert.False(one.Extends(three));
        Assert.Equal([a, b, c], three.Span.ToArray());

        room.Remove(b);
        var afterLeave = room.Snapshot;
        Assert.False(afterLeave.Extends(one));
        Assert.False(afterLeave.Extends(three));
        room.Add(b);
        Assert.True(room.Snapshot.Extends(afterLeave));
        Assert.False(room.Snapshot.Extends(three));

        // Emptied and refilled: the new members are not the old ones.
        room.Remove(a);
        room.Remove(c);
        room.Remove(b);
        room.Add(c);
        room.Add(b);
        room.Add(a);
        Assert.False(room.Snapshot.Extends(one));
        Assert.False(room.Snapshot.Extends(three));
    }
}
