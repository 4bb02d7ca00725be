using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>The fan-out interval (<see cref="HubOptions.FanOutInterval"/>): a quiet room delivers at once; events
/// that follow within the interval wait for the room's timer and reach each member in one call.</summary>
public sealed class RoomDispatcherIntervalTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);

    [Fact]
    public void A_quiet_room_delivers_at_once_and_a_busy_one_delivers_what_followed_together_when_the_interval_ends()
    {
        var time = new FakeTimeProvider(HubHarness.Start);
        var hub = new ChatHub(new HubOptions { FanOutInterval = Interval }, time, NullLogger<ChatHub>.Instance);
        var alice = Register(hub, "alice", out _);
        var bob = Register(hub, "bob", out var bobSink);
        time.Advance(Interval); // bob's arrival, which followed alice's within the interval, goes out
        time.Advance(Interval);
        bobSink.Clear();

        hub.Say(alice, null, "one", null, out _);
        Assert.Equal(["one"], bobSink.Texts());

        hub.Say(alice, null, "two", null, out _);
        hub.Say(alice, null, "three", null, out _);
        Assert.Equal(["one"], bobSink.Texts());

        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["one"], bobSink.Texts());

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["one", "two", "three"], bobSink.Texts());
        Assert.Equal([1, 2], bobSink.CallSizes());

        // Quiet for a whole interval again: the next message goes out at once.
        time.Advance(Interval);
        hub.Say(alice, null, "four", null, out _);
        Assert.Equal(["one", "two", "three", "four"], bobSink.Texts());
        Assert.Same(bob, hub.Find("bob"));
    }

    [Fact]
    public void A_room_event_other_than_a_chat_message_or_a_join_goes_out_at_once_with_the_messages_queued_before_it()
    {
        var time = new FakeTimeProvider(HubHarness.Start);
        var hub = new ChatHub(new HubOptions { FanOutInterval = Interval }, time, NullLogger<ChatHub>.Instance);
        var alice = Register(hub, "alice", out _);
        Register(hub, "bob", out var bobSink);
        var carol = Register(hub, "carol", out _);
        time.Advance(Interval);
        time.Advance(Interval);
        hub.Say(alice, null, "before", null, out _);
        bobSink.Clear();

        hub.Say(alice, null, "waiting", null, out _);
        Assert.Empty(bobSink.Texts());

        // carol's part is not a chat message (carol gets it too): it takes the waiting message along, in order,
        // without the timer.
        Assert.Null(hub.Part(carol, null));
        Assert.Equal(["waiting"], bobSink.Texts());
        Assert.IsType<MemberLeft>(bobSink.Events()[^1]);
    }

    [Fact]
    public void Departures_from_the_server_wait_with_the_chat_around_them_and_reach_each_member_in_one_call()
    {
        var time = new FakeTimeProvider(HubHarness.Start);
        var hub = new ChatHub(new HubOptions { FanOutInterval = Interval }, time, NullLogger<ChatHub>.Instance);
        var alice = Register(hub, "alice", out _);
        Register(hub, "bob", out var bobSink);
        var leavers = Enumerable.Range(0, 5).Select(i => Register(hub, "gone" + i, out _)).ToList();
        time.Advance(Interval);
        time.Advance(Interval);
        hub.Say(alice, null, "before", null, out _);
        bobSink.Clear();

        hub.Say(alice, null, "waiting", null, out _);
        foreach (var leaver in leavers)
        {
            hub.Leave(leaver, "quit");
        }

        hub.Say(alice, null, "after", null, out _);
        Register(hub, "late", out var lateSink);
        hub.Say(alice, null, "last", null, out _);
        Assert.Empty(bobSink.Events());

        time.Advance(Interval);
        Assert.Equal(["waiting", "gone0", "gone1", "gone2", "gone3", "gone4", "after", "late", "last"], bobSink.Events().Select(Describe));
        Assert.Equal([9], bobSink.CallSizes());
        Assert.Equal(["late", "last"], lateSink.Events().Select(Describe));
    }

    [Fact]
    public void A_newcomer_gets_its_own_join_at_once_and_the_others_get_it_with_the_chat_messages_around_it()
    {
        var time = new FakeTimeProvider(HubHarness.Start);
        var hub = new ChatHub(new HubOptions { FanOutInterval = Interval }, time, NullLogger<ChatHub>.Instance);
        var alice = Register(hub, "alice", out _);
        Register(hub, "bob", out var bobSink);
        time.Advance(Interval);
        time.Advance(Interval);
        hub.Say(alice, null, "before", null, out _);
        bobSink.Clear();

        hub.Say(alice, null, "waiting", null, out _);
        var carol = Register(hub, "carol", out var carolSink);
        var dave = Register(hub, "dave", out var daveSink);

        // Each newcomer saw its own arrival before its registration returned; bob waits for the room's timer.
        Assert.Equal(["carol"], carolSink.Events().OfType<MemberJoined>().Select(j => j.Nick));
        Assert.Equal(["dave"], daveSink.Events().OfType<MemberJoined>().Select(j => j.Nick));
        Assert.Empty(bobSink.Events());

        // Messages queued for the members of their moment: carol gets only what followed her arrival.
        hub.Say(alice, null, "after", null, out _);
        time.Advance(Interval);
        Assert.Equal(["waiting", "after"], bobSink.Texts());
        Assert.Equal(["waiting", "carol", "dave", "after"], bobSink.Events().Select(Describe));
        Assert.Equal([4], bobSink.CallSizes());
        Assert.Equal(["carol", "dave", "after"], carolSink.Events().Select(Describe));
        Assert.Equal(["dave", "after"], daveSink.Events().Select(Describe));
        Assert.NotNull(carol);
        Assert.NotNull(dave);
    }

    private static string Describe(ChatEvent chatEvent) => chatEvent switch
    {
        MessagePosted m => m.Text,
        MemberJoined j => j.Nick,
        MemberLeft l => l.Nick,
        _ => chatEvent.GetType().Name,
    };

    private static Member Register(ChatHub hub, string nick, out CountingSink sink)
    {
        sink = new CountingSink();
        Assert.Equal(RegistrationResult.Registered, hub.TryRegister(nick, "test", "127.0.0.1", true, sink, out var member));
        return member!;
    }
}
