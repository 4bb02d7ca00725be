using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

public sealed class ChatHubRoomTests
{
    [Fact]
    public void Join_creates_the_room_makes_it_current_and_tells_its_members()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob", "carol");
        var (alice, bob) = (members[0].Member, members[1].Member);

        Assert.Null(harness.Hub.Join(alice, "#rust"));
        Assert.Null(harness.Hub.Join(bob, "#RUST"));

        Assert.Equal("#rust", alice.CurrentRoom);
        Assert.Equal("#rust", bob.CurrentRoom);
        Assert.Equal(["alice", "bob"], harness.Hub.Who("#rust"));
        Assert.Equal(["#general", "#rust"], harness.Hub.RoomsOf(bob));
        Assert.Equal([("#general", 3), ("#rust", 2)], harness.Hub.ListRooms());
        Assert.Equal(["alice", "bob"], members[0].Sink.Received<MemberJoined>().Select(j => j.Nick));
        Assert.Same(members[0].Sink.Events[1], members[1].Sink.Single<MemberJoined>());
        Assert.Empty(members[2].Sink.Events);
    }

    [Fact]
    public void Joining_a_room_again_only_makes_it_current()
    {
        var harness = new HubHarness();
        var (alice, sink) = harness.RegisterQuietly("alice")[0];
        harness.Hub.Join(alice, "#rust");
        sink.Clear();

        Assert.Null(harness.Hub.Join(alice, HubOptions.DefaultRoomName));

        Assert.Equal(HubOptions.DefaultRoomName, alice.CurrentRoom);
        Assert.Empty(sink.Events);
    }

    [Theory]
    [InlineData("rust")]
    [InlineData("#")]
    [InlineData("#ru st")]
    [InlineData("#ru/st")]
    [InlineData("")]
    public void Join_refuses_invalid_room_names(string room)
    {
        var harness = new HubHarness();
        var alice = harness.RegisterQuietly("alice")[0].Member;

        Assert.Equal(ErrorCodes.RoomInvalid, harness.Hub.Join(alice, room));
        Assert.Single(harness.Hub.ListRooms());
    }

    [Fact]
    public void Join_beyond_the_room_limit_is_refused_and_creates_no_room()
    {
        var harness = new HubHarness(new HubOptions { MaxRoomsPerMember = 2 });
        var alice = harness.RegisterQuietly("alice")[0].Member;
        Assert.Null(harness.Hub.Join(alice, "#one"));

        Assert.Equal(ErrorCodes.TooManyRooms, harness.Hub.Join(alice, "#two"));

        Assert.Null(harness.Hub.Who("#two"));
        Assert.Equal(["#general", "#one"], harness.Hub.ListRooms().Select(r => r.Name));
    }

    [Fact]
    public void Text_dialect_members_cannot_change_rooms()
    {
        var harness = new HubHarness();
        var (alice, sink) = harness.Register("alice", canChangeRooms: false);
        sink.Clear();

        Assert.Equal(ErrorCodes.RoomsUnsupported, harness.Hub.Join(alice, "#rust"));
        Assert.Equal(ErrorCodes.RoomsUnsupported, harness.Hub.Part(alice, null));

        Assert.Equal(HubOptions.DefaultRoomName, alice.CurrentRoom);
        Assert.Empty(sink.Events);
    }

    [Fact]
    public void Part_tells_the_room_and_the_leaver_then_removes_an_empty_room()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        var (alice, bob) = (members[0].Member, members[1].Member);
        harness.Hub.Join(alice, "#rust");
        harness.Hub.Join(bob, "#rust");
        members[0].Sink.Clear();
        members[1].Sink.Clear();

        Assert.Null(harness.Hub.Part(alice, null));

        var left = members[0].Sink.Single<MemberLeft>();
        Assert.Equal(("#rust", "alice", "part"), (left.Room, left.Nick, left.Reason));
        Assert.Same(left, members[1].Sink.Single<MemberLeft>());
        Assert.Equal(HubOptions.DefaultRoomName, alice.CurrentRoom);
        Assert.Equal(["bob"], harness.Hub.Who("#rust"));

        Assert.Null(harness.Hub.Part(bob, "#Rust"));
        Assert.Null(harness.Hub.Who("#rust"));
        Assert.Equal([("#general", 2)], harness.Hub.ListRooms());
    }

    [Fact]
    public void Part_of_a_room_the_member_is_not_in_is_refused()
    {
        var harness = new HubHarness();
        var alice = harness.RegisterQuietly("alice")[0].Member;

        Assert.Equal(ErrorCodes.NotInRoom, harness.Hub.Part(alice, "#rust"));
    }

    [Fact]
    public void The_default_room_stays_when_it_empties()
    {
        var harness = new HubHarness();
        var alice = harness.RegisterQuietly("alice")[0].Member;

        Assert.Null(harness.Hub.Part(alice, null));

        Assert.Null(alice.CurrentRoom);
        Assert.Equal([("#general", 0)], harness.Hub.ListRooms());
        Assert.Empty(harness.Hub.Who("#general")!);
    }

    [Fact]
    public void Who_of_an_unknown_room_is_null()
    {
        Assert.Null(new HubHarness().Hub.Who("#nowhere"));
    }
}
