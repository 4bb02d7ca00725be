using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>Room modes set on IRC hold for every protocol: a JSON or text join (<see cref="ChatHub.Join"/>) and a
/// message (<see cref="ChatHub.Say"/>) meet the same +i, +k, +l, +b, +m and -n rules as IRC's JOIN and PRIVMSG.</summary>
public sealed class ChatHubRoomModeTests
{
    [Theory]
    [InlineData('i', null, ErrorCodes.InviteOnly)]
    [InlineData('k', "sesame", ErrorCodes.BadKey)]
    [InlineData('l', "1", ErrorCodes.RoomFull)]
    [InlineData('b', "bob!*@*", ErrorCodes.Banned)]
    public void A_join_is_refused_by_the_rooms_modes_and_leaves_it_unchanged(char mode, string? argument, string expected)
    {
        var (harness, alice, bob) = RoomOwnedBy("alice", "bob");
        Assert.Equal(ChannelOutcome.Done, harness.Hub.ChangeModes(alice.Member, "#ops", [new ModeChange(true, mode, argument)], out _));
        bob.Sink.Clear();

        Assert.Equal(expected, harness.Hub.Join(bob.Member, "#ops"));

        Assert.Equal(["alice"], harness.Hub.Who("#ops"));
        Assert.Equal(HubOptions.DefaultRoomName, bob.Member.CurrentRoom);
        Assert.Empty(bob.Sink.Received<MemberJoined>());
    }

    [Fact]
    public void The_right_key_or_an_invitation_lets_a_member_in()
    {
        var (harness, alice, bob) = RoomOwnedBy("alice", "bob");
        harness.Hub.ChangeModes(alice.Member, "#ops", [new ModeChange(true, 'k', "sesame"), new ModeChange(true, 'i', null)], out _);
        var carol = harness.RegisterQuietly("carol")[0];

        Assert.Equal(ChannelOutcome.Done, harness.Hub.Invite(alice.Member, "#ops", "bob"));
        Assert.Equal(ErrorCodes.BadKey, harness.Hub.Join(bob.Member, "#ops", "wrong"));
        Assert.Null(harness.Hub.Join(bob.Member, "#ops", "sesame"));
        Assert.Equal(ErrorCodes.InviteOnly, harness.Hub.Join(carol.Member, "#ops", "sesame"));

        Assert.Equal(["alice", "bob"], harness.Hub.Who("#ops"));
    }

    [Fact]
    public void A_moderated_room_refuses_messages_from_members_without_voice()
    {
        var (harness, alice, bob) = RoomOwnedBy("alice", "bob");
        Assert.Null(harness.Hub.Join(bob.Member, "#ops"));
        harness.Hub.ChangeModes(alice.Member, "#ops", [new ModeChange(true, 'm', null)], out _);

        Assert.Null(harness.Hub.Say(bob.Member, "#ops", "hello", null, out var error));
        Assert.Equal(ErrorCodes.Moderated, error);

        harness.Hub.ChangeModes(alice.Member, "#ops", [new ModeChange(true, 'v', "bob")], out _);
        Assert.NotNull(harness.Hub.Say(bob.Member, "#ops", "hello", null, out error));
        Assert.Null(error);
    }

    [Fact]
    public void A_room_set_minus_n_takes_messages_from_non_members_and_plus_n_stops_them()
    {
        var (harness, alice, bob) = RoomOwnedBy("alice", "bob");

        Assert.Null(harness.Hub.Say(bob.Member, "#ops", "knock knock", null, out var error));
        Assert.Equal(ErrorCodes.NotInRoom, error);
        Assert.False(harness.Hub.CanPost(bob.Member, "#ops"));

        harness.Hub.ChangeModes(alice.Member, "#ops", [new ModeChange(false, 'n', null)], out var applied);
        Assert.Equal("-n", applied);
        Assert.True(harness.Hub.CanPost(bob.Member, "#ops"));
        alice.Sink.Clear();

        var posted = harness.Hub.Say(bob.Member, "#ops", "knock knock", null, out error);

        Assert.NotNull(posted);
        Assert.Null(error);
        Assert.Same(posted, alice.Sink.Single<MessagePosted>());
        Assert.Equal(["alice"], harness.Hub.Who("#ops"));

        harness.Hub.ChangeModes(alice.Member, "#ops", [new ModeChange(true, 'n', null)], out _);
        Assert.Null(harness.Hub.Say(bob.Member, "#ops", "again", null, out error));
        Assert.Equal(ErrorCodes.NotInRoom, error);
    }

    [Fact]
    public void A_minus_n_room_still_refuses_banned_non_members_and_moderated_ones()
    {
        var (harness, alice, bob) = RoomOwnedBy("alice", "bob");
        harness.Hub.ChangeModes(alice.Member, "#ops", [new ModeChange(false, 'n', null), new ModeChange(true, 'b', "bob!*@*")], out _);
        Assert.False(harness.Hub.CanPost(bob.Member, "#ops"));

        harness.Hub.ChangeModes(alice.Member, "#ops", [new ModeChange(false, 'b', "bob!*@*"), new ModeChange(true, 'm', null)], out _);
        Assert.False(harness.Hub.CanPost(bob.Member, "#ops"));
        Assert.Null(harness.Hub.Say(bob.Member, "#ops", "hi", null, out _));
    }

    /// <summary>A room made by an IRC-style join (its creator is operator) and a second member outside it.</summary>
    private static (HubHarness Harness, (Member Member, RecordingSink Sink) Owner, (Member Member, RecordingSink Sink) Other) RoomOwnedBy(string owner, string other)
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly(owner, other);
        Assert.Equal(JoinOutcome.Joined, harness.Hub.JoinRoom(members[0].Member, "#ops", null));
        return (harness, members[0], members[1]);
    }
}
