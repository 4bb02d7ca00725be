using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

public sealed class ChatHubMessageTests
{
    [Fact]
    public void A_message_reaches_every_other_member_as_the_same_event_and_not_the_sender()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob", "carol");
        var (alice, aliceSink) = members[0];

        var posted = harness.Hub.Say(alice, null, "hi", null, out var error);

        Assert.Null(error);
        Assert.NotNull(posted);
        Assert.Equal(("alice", HubOptions.DefaultRoomName, "hi"), (posted.Sender, posted.Room, posted.Text));
        Assert.Empty(aliceSink.Events);
        Assert.Same(posted, members[1].Sink.Single<MessagePosted>());
        Assert.Same(posted, members[2].Sink.Single<MessagePosted>());
    }

    [Fact]
    public void Echo_sends_the_message_back_to_the_sender()
    {
        var harness = new HubHarness(new HubOptions { Echo = true });
        var members = harness.RegisterQuietly("alice", "bob");

        var posted = harness.Hub.Say(members[0].Member, null, "hi", null, out _);

        Assert.Same(posted, members[0].Sink.Single<MessagePosted>());
        Assert.Same(posted, members[1].Sink.Single<MessagePosted>());
    }

    [Fact]
    public void Seq_counts_from_zero_per_sender()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        var (alice, bob) = (members[0].Member, members[1].Member);

        var seqs = new[]
        {
            harness.Hub.Say(alice, null, "1", null, out _)!.Seq,
            harness.Hub.Say(alice, null, "2", null, out _)!.Seq,
            harness.Hub.Say(bob, null, "1", null, out _)!.Seq,
            harness.Hub.SendDirect(alice, "bob", "3", null) ? members[1].Sink.Received<DirectMessageSent>()[0].Seq : -1,
            harness.Hub.Say(bob, null, "2", null, out _)!.Seq,
        };

        Assert.Equal([0L, 1L, 0L, 2L, 1L], seqs);
    }

    [Fact]
    public void A_client_supplied_seq_is_used_and_counting_continues_from_it()
    {
        var harness = new HubHarness();
        var alice = harness.RegisterQuietly("alice", "bob")[0].Member;

        Assert.Equal(0, harness.Hub.Say(alice, null, "a", null, out _)!.Seq);
        Assert.Equal(41, harness.Hub.Say(alice, null, "b", 41, out _)!.Seq);
        Assert.Equal(42, harness.Hub.Say(alice, null, "c", null, out _)!.Seq);
        Assert.Equal(7, harness.Hub.Say(alice, null, "d", 7, out _)!.Seq);
    }

    [Fact]
    public void Message_ids_increase_across_senders_rooms_and_direct_messages()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        var (alice, bob) = (members[0].Member, members[1].Member);
        harness.Hub.Join(alice, "#rust");
        harness.Hub.Join(bob, "#rust");

        var ids = new List<long>
        {
            harness.Hub.Say(alice, null, "1", null, out _)!.Id,
            harness.Hub.Say(bob, HubOptions.DefaultRoomName, "2", null, out _)!.Id,
        };
        harness.Hub.SendDirect(alice, "bob", "3", null);
        ids.Add(members[1].Sink.Received<DirectMessageSent>()[0].Id);
        ids.Add(harness.Hub.Say(alice, "#RUST", "4", 99, out _)!.Id);

        Assert.True(ids[0] > 0);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Events_carry_the_time_of_the_injected_clock()
    {
        var harness = new HubHarness();
        var alice = harness.RegisterQuietly("alice", "bob")[0].Member;

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        var posted = harness.Hub.Say(alice, null, "hi", null, out _);

        Assert.Equal(HubHarness.Start.AddMinutes(5), posted!.Time);
        Assert.Equal(HubHarness.Start.AddMinutes(5), harness.Hub.Now);
    }

    [Fact]
    public void Say_to_a_room_the_sender_is_not_in_is_refused()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        harness.Hub.Join(members[1].Member, "#rust");
        members[1].Sink.Clear();

        Assert.Null(harness.Hub.Say(members[0].Member, "#rust", "hi", null, out var notIn));
        Assert.Null(harness.Hub.Say(members[0].Member, "#nowhere", "hi", null, out var noSuch));

        Assert.Equal(ErrorCodes.NotInRoom, notIn);
        Assert.Equal(ErrorCodes.NoSuchRoom, noSuch);
        Assert.Empty(members[1].Sink.Events);
    }

    [Fact]
    public void A_direct_message_reaches_only_its_recipient()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob", "carol");

        Assert.True(harness.Hub.SendDirect(members[0].Member, "BOB", "psst", null));

        var sent = members[1].Sink.Single<DirectMessageSent>();
        Assert.Equal(("alice", "bob", "psst"), (sent.Sender, sent.Recipient, sent.Text));
        Assert.Empty(members[0].Sink.Events);
        Assert.Empty(members[2].Sink.Events);
    }

    [Fact]
    public void Echo_sends_a_direct_message_back_to_the_sender_once()
    {
        var harness = new HubHarness(new HubOptions { Echo = true });
        var members = harness.RegisterQuietly("alice", "bob");

        harness.Hub.SendDirect(members[0].Member, "bob", "psst", null);
        harness.Hub.SendDirect(members[0].Member, "alice", "note to self", null);

        Assert.Same(members[1].Sink.Single<DirectMessageSent>(), members[0].Sink.Received<DirectMessageSent>()[0]);
        Assert.Equal(2, members[0].Sink.Events.Count);
    }

    [Fact]
    public void A_direct_message_to_an_unknown_nick_goes_nowhere()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");

        Assert.False(harness.Hub.SendDirect(members[0].Member, "zed", "psst", null));

        Assert.All(members, m => Assert.Empty(m.Sink.Events));
    }

    [Fact]
    public void A_sink_that_refuses_does_not_stop_delivery_to_the_others()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob", "carol", "dave");
        members[1].Sink.Accepts = false;

        var posted = harness.Hub.Say(members[0].Member, null, "hi", null, out _);
        harness.Hub.Shutdown("stopping");

        Assert.Equal(posted, members[2].Sink.Received<MessagePosted>()[0]);
        Assert.Equal(posted, members[3].Sink.Received<MessagePosted>()[0]);
        Assert.All(members, m => Assert.Equal(1, m.Sink.CompleteCalls));
        Assert.All(members, m => Assert.IsType<ServerShutdown>(m.Sink.Events[^1]));
    }
}
