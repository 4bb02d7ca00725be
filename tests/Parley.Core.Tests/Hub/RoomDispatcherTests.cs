using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>The combining room dispatcher, without sockets: order under concurrent posters, batching, back-pressure.</summary>
public sealed class RoomDispatcherTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Concurrent_posters_never_block_and_every_member_sees_the_same_order_in_id_order()
    {
        const int Posters = 8;
        const int PerPoster = 500;
        var harness = new HubHarness();
        var posters = Enumerable.Range(0, Posters).Select(i => harness.Register($"p{i}")).ToArray();
        var readers = Enumerable.Range(0, 3).Select(i => harness.Register($"r{i}")).ToArray();
        foreach (var (_, sink) in posters.Concat(readers))
        {
            sink.Clear();
        }

        using var start = new Barrier(Posters);
        await Task.WhenAll(posters.Select(p => Task.Run(() =>
        {
            start.SignalAndWait(Deadline);
            for (var n = 0; n < PerPoster; n++)
            {
                Assert.NotNull(harness.Hub.Say(p.Member, null, $"{n}", null, out _));
            }
        }))).WaitAsync(Deadline);

        // Every event is delivered before the last poster's Say returns or by the dispatcher that was running then.
        var first = readers[0].Sink.Received<MessagePosted>();
        Assert.Equal(Posters * PerPoster, first.Count);
        Assert.True(first.Zip(first.Skip(1)).All(pair => pair.First.Id < pair.Second.Id), "room order is id order");
        foreach (var (_, sink) in readers.Skip(1))
        {
            Assert.Equal(first, sink.Received<MessagePosted>());
        }

        // Each sender's messages in its own order, and a sender does not get its own (no echo).
        foreach (var (member, sink) in posters)
        {
            Assert.Equal(Enumerable.Range(0, PerPoster).Select(n => $"{n}"), first.Where(m => m.Sender == member.Nick).Select(m => m.Text));
            Assert.DoesNotContain(sink.Received<MessagePosted>(), m => m.Sender == member.Nick);
            Assert.Equal((Posters - 1) * PerPoster, sink.Received<MessagePosted>().Count);
        }
    }

    [Fact]
    public async Task Events_posted_while_the_room_is_being_dispatched_reach_each_member_as_one_batch()
    {
        var harness = new HubHarness();
        var (alice, _) = harness.Register("alice");
        var (bob, _) = harness.Register("bob");
        var gated = new GatedSink();
        Assert.Equal(RegistrationResult.Registered, harness.Hub.TryRegister("carol", "test", "127.0.0.1", true, gated, out _));
        gated.Hold();

        // Alice's post makes her thread the room's dispatcher, and it is stuck sending to carol.
        var dispatching = Task.Run(() => harness.Hub.Say(alice, null, "first", null, out _));
        Assert.True(await gated.HeldAsync(Deadline));

        // Bob's posts only queue: each Say returns at once although the room is busy.
        for (var n = 0; n < 10; n++)
        {
            Assert.NotNull(harness.Hub.Say(bob, null, $"queued {n}", null, out _));
        }

        Assert.False(dispatching.IsCompleted);
        gated.Release();
        await dispatching.WaitAsync(Deadline);

        var texts = gated.Events.OfType<MessagePosted>().Select(m => m.Text).ToArray();
        Assert.Equal(["first", .. Enumerable.Range(0, 10).Select(n => $"queued {n}")], texts);

        // The join announcement and "first" were single deliveries; the ten queued ones came as one call.
        Assert.Equal(10, gated.Calls[^1]);
    }

    [Fact]
    public async Task A_room_over_its_queue_bound_holds_senders_back_and_drops_nothing()
    {
        var harness = new HubHarness(new HubOptions { RoomQueueLength = 4 });
        var (alice, _) = harness.Register("alice");
        var (bob, _) = harness.Register("bob");
        var gated = new GatedSink();
        Assert.Equal(RegistrationResult.Registered, harness.Hub.TryRegister("carol", "test", "127.0.0.1", true, gated, out _));
        gated.Hold();
        var dispatching = Task.Run(() => harness.Hub.Say(alice, null, "first", null, out _));
        Assert.True(await gated.HeldAsync(Deadline));
        Assert.True(harness.Hub.Backlog.WaitAsync(CancellationToken.None).IsCompleted);

        for (var n = 0; n < 20; n++)
        {
            harness.Hub.Say(bob, null, $"queued {n}", null, out _);
        }

        // Over the bound: read loops would now wait here instead of reading their senders.
        Assert.Equal(1, harness.Hub.Backlog.Rooms);
        var wait = harness.Hub.Backlog.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);

        gated.Release();
        await dispatching.WaitAsync(Deadline);
        await wait.WaitAsync(Deadline);
        Assert.Equal(0, harness.Hub.Backlog.Rooms);
        Assert.Equal(21, gated.Events.OfType<MessagePosted>().Count());
    }

    [Fact]
    public void Published_events_reach_the_members_in_order_and_skip_the_excepted_one()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        var room = members[0].Member.Rooms[0];
        var events = Enumerable.Range(1, 3)
            .Select(n => new MessagePosted(1000 + n, n, room.Name, "alice", $"stored {n}", harness.Hub.Now))
            .ToArray();

        foreach (var chatEvent in events)
        {
            room.Dispatcher.Publish(chatEvent, except: members[0].Member);
        }

        Assert.Equal(events, members[1].Sink.Received<MessagePosted>());
        Assert.Empty(members[0].Sink.Events);
        Assert.Equal(0, room.Dispatcher.InFlight);
    }

    [Fact]
    public void The_hub_publishes_by_room_name_and_says_when_there_is_no_such_room()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        var stored = new MessagePosted(7, 0, HubOptions.DefaultRoomName, "alice", "stored", harness.Hub.Now);

        Assert.True(harness.Hub.Publish(HubOptions.DefaultRoomName, stored, except: members[0].Member));
        Assert.False(harness.Hub.Publish("#nowhere", stored));

        Assert.Same(stored, members[1].Sink.Single<MessagePosted>());
        Assert.Empty(members[0].Sink.Events);
    }
}
