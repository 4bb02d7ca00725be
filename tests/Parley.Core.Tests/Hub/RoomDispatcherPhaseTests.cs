using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>Fan-out phases (<see cref="HubOptions.FanOutPhases"/>): in a large busy room the members' phases take
/// turns spread over the interval; every member still gets every event once, in the room's order.</summary>
public sealed class RoomDispatcherPhaseTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(6);
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(2);

    [Fact]
    public void A_busy_large_room_is_delivered_one_phase_at_a_time_and_every_member_gets_each_message_once()
    {
        var (time, hub) = NewHub();
        var members = RegisterMany(hub, time, 90);
        var (alice, _) = members[0];

        hub.Say(alice, null, "one", null, out _);
        Assert.All(members.Skip(1), m => Assert.Equal(["one"], m.Sink.Texts()));

        hub.Say(alice, null, "two", null, out _);
        Assert.All(members.Skip(1), m => Assert.Equal(["one"], m.Sink.Texts()));

        // An interval after "one": the first phase's turn; the other two follow at the spacing.
        time.Advance(Interval);
        var first = Having(members, "two");
        Assert.InRange(first.Count, 1, members.Count - 2);
        Assert.Single(first.Select(m => m.Member.FanOutKey % 3).Distinct());

        time.Advance(Spacing);
        var second = Having(members, "two");
        Assert.InRange(second.Count, first.Count + 1, members.Count - 2);

        time.Advance(Spacing);
        Assert.All(members.Skip(1), m => Assert.Equal(["one", "two"], m.Sink.Texts()));

        // The first phase's next turn is an interval after its last one; "three" waits for it, then the others'.
        hub.Say(alice, null, "three", null, out _);
        time.Advance(Spacing);
        Assert.Equal(first.Select(m => m.Member), Having(members, "three").Select(m => m.Member));
        time.Advance(Spacing);
        time.Advance(Spacing);
        Assert.All(members.Skip(1), m => Assert.Equal(["one", "two", "three"], m.Sink.Texts()));
        Assert.All(members.Skip(1), m => Assert.Equal([1, 1, 1], m.Sink.CallSizes()));
    }

    [Fact]
    public void An_event_that_may_not_wait_takes_every_phase_along_in_the_rooms_order()
    {
        var (time, hub) = NewHub();
        var members = RegisterMany(hub, time, 70);
        var (alice, _) = members[0];
        hub.Say(alice, null, "one", null, out _);
        hub.Say(alice, null, "two", null, out _);
        time.Advance(Interval);
        hub.Say(alice, null, "three", null, out _);
        Assert.Contains(members.Skip(1), m => m.Sink.Texts().Length == 2);
        Assert.Contains(members.Skip(1), m => m.Sink.Texts().Length == 1);

        // A part goes out at once, after everything queued before it, to every phase.
        Assert.Null(hub.Part(members[^1].Member, null));
        Assert.All(members.Skip(1).SkipLast(1), m =>
        {
            Assert.Equal(["one", "two", "three"], m.Sink.Texts());
            Assert.IsType<MemberLeft>(m.Sink.Events()[^1]);
        });
    }

    [Fact]
    public void Phases_whose_turns_were_held_up_catch_up_at_once_instead_of_one_spacing_after_another()
    {
        var time = new StallingTime(HubHarness.Start);
        var hub = new ChatHub(new HubOptions { FanOutInterval = Interval, FanOutPhases = 3 }, time, NullLogger<ChatHub>.Instance);
        var members = RegisterMany(hub, time, 90);
        var (alice, _) = members[0];
        hub.Say(alice, null, "one", null, out _);

        // "two" waits for the first phase's turn, an interval after "one"; its timer fires 5 ms late (the process was
        // stalled), when every phase is overdue by more than the 2 ms spacing: all of them go then, back to back.
        time.Stall = TimeSpan.FromMilliseconds(5);
        hub.Say(alice, null, "two", null, out _);
        time.Advance(Interval);
        Assert.All(members.Skip(1), m => Assert.Equal(["one"], m.Sink.Texts()));
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.All(members.Skip(1), m => Assert.Equal(["one", "two"], m.Sink.Texts()));

        // Back on schedule afterwards: the next message reaches everyone once, in order.
        hub.Say(alice, null, "three", null, out _);
        Settle(time);
        Assert.All(members.Skip(1), m => Assert.Equal(["one", "two", "three"], m.Sink.Texts()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Under_any_schedule_of_messages_joins_and_departures_each_member_gets_the_rooms_messages_once_in_order(int seed)
    {
        var random = new Random(seed);
        var (time, hub) = NewHub();
        var present = RegisterMany(hub, time, 80).Select(m => (m.Member, m.Sink, From: 0)).ToList();
        var gone = new List<(Member Member, CountingSink Sink, int From, int To)>();
        var said = new List<(string Text, Member Sender)>();
        var next = 80;
        for (var step = 0; step < 600; step++)
        {
            var roll = random.Next(100);
            if (roll < 60)
            {
                var sender = present[random.Next(present.Count)].Member;
                var text = "m" + step;
                Assert.NotNull(hub.Say(sender, null, text, null, out _));
                said.Add((text, sender));
            }
            else if (roll < 85)
            {
                time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 5)));
            }
            else if (roll < 93 && present.Count > 66)
            {
                // Half leave the server (their departure may wait), half part the room (at once).
                var leaving = random.Next(present.Count);
                var (member, sink, from) = present[leaving];
                if (random.Next(2) == 0)
                {
                    hub.Leave(member, "bye");
                }
                else
                {
                    Assert.Null(hub.Part(member, null));
                }

                present.RemoveAt(leaving);
                gone.Add((member, sink, from, said.Count));
            }
            else
            {
                var sink = new CountingSink();
                Assert.Equal(RegistrationResult.Registered, hub.TryRegister("n" + next++, "test", "127.0.0.1", true, sink, out var joined));
                present.Add((joined!, sink, said.Count));
            }
        }

        Settle(time);
        var everyone = present.Select(p => (p.Member, p.Sink, p.From, To: said.Count)).Concat(gone);
        foreach (var (member, sink, from, to) in everyone)
        {
            // What was said while the member was in the room, and nothing after it left.
            var expected = said.Take(to).Skip(from).Where(s => s.Sender != member).Select(s => s.Text);
            Assert.Equal(expected, sink.Texts());
        }
    }

    private static (FakeTimeProvider Time, ChatHub Hub) NewHub()
    {
        var time = new FakeTimeProvider(HubHarness.Start);
        var hub = new ChatHub(new HubOptions { FanOutInterval = Interval, FanOutPhases = 3 }, time, NullLogger<ChatHub>.Instance);
        return (time, hub);
    }

    /// <summary>Registers <paramref name="count"/> members in the default room, lets their joins go out and the
    /// room fall quiet, and forgets what they were sent so far.</summary>
    private static List<(Member Member, CountingSink Sink)> RegisterMany(ChatHub hub, FakeTimeProvider time, int count)
    {
        var members = new List<(Member, CountingSink)>();
        for (var i = 0; i < count; i++)
        {
            var sink = new CountingSink();
            Assert.Equal(RegistrationResult.Registered, hub.TryRegister("n" + i, "test", "127.0.0.1", true, sink, out var member));
            members.Add((member!, sink));
        }

        Settle(time);
        foreach (var (_, sink) in members)
        {
            sink.Clear();
        }

        return members;
    }

    /// <summary>Lets every phase's turns run out, a millisecond at a time (a fake timer fires once per advance).</summary>
    private static void Settle(FakeTimeProvider time)
    {
        for (var i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>A fake clock whose next timer set fires <see cref="Stall"/> late, as on a host that stalled the process.</summary>
    private sealed class StallingTime(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public TimeSpan Stall { get; set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new LateTimer(this, base.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan), dueTime, period);

        private sealed class LateTimer : ITimer
        {
            private readonly StallingTime _time;
            private readonly ITimer _inner;

            public LateTimer(StallingTime time, ITimer inner, TimeSpan dueTime, TimeSpan period)
            {
                _time = time;
                _inner = inner;
                Change(dueTime, period);
            }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    dueTime += _time.Stall;
                    _time.Stall = TimeSpan.Zero;
                }

                return _inner.Change(dueTime, period);
            }

            public void Dispose() => _inner.Dispose();

            public ValueTask DisposeAsync() => _inner.DisposeAsync();
        }
    }

    private static List<(Member Member, CountingSink Sink)> Having(List<(Member Member, CountingSink Sink)> members, string text) =>
        [.. members.Where(m => m.Sink.Texts().Contains(text))];
}
