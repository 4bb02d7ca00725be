using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

public sealed class ChatHubDepartureTests
{
    [Fact]
    public void Leave_tells_every_room_of_the_member_and_frees_the_nick()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob", "carol");
        var (alice, aliceSink) = members[0];
        harness.Hub.Join(alice, "#rust");
        harness.Hub.Join(members[2].Member, "#rust");
        foreach (var (_, sink) in members)
        {
            sink.Clear();
        }

        harness.Hub.Leave(alice, "quit");

        Assert.Empty(aliceSink.Events);
        var bobSaw = members[1].Sink.Single<MemberLeft>();
        Assert.Equal((HubOptions.DefaultRoomName, "alice", "quit"), (bobSaw.Room, bobSaw.Nick, bobSaw.Reason));
        Assert.Equal(["#general", "#rust"], members[2].Sink.Received<MemberLeft>().Select(l => l.Room));
        Assert.Null(harness.Hub.Find("alice"));
        Assert.Equal(2, harness.Hub.MemberCount);
        Assert.Equal(["bob", "carol"], harness.Hub.Who(HubOptions.DefaultRoomName));

        var (again, _) = harness.Register("ALICE");
        Assert.Same(again, harness.Hub.Find("alice"));
    }

    [Fact]
    public void Leave_twice_is_harmless_and_a_stale_leave_spares_the_new_holder_of_the_nick()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        var alice = members[0].Member;
        harness.Hub.Leave(alice, "quit");
        harness.Hub.Leave(alice, "quit");
        Assert.Single(members[1].Sink.Received<MemberLeft>());

        var (newAlice, _) = harness.Register("alice");
        members[1].Sink.Clear();
        harness.Hub.Leave(alice, "connection lost");

        Assert.Same(newAlice, harness.Hub.Find("alice"));
        Assert.Empty(members[1].Sink.Events);
        Assert.Equal(2, harness.Hub.MemberCount);
    }

    [Fact]
    public void Shutdown_tells_every_member_then_completes_every_sink_and_refuses_newcomers()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob", "carol");

        harness.Hub.Shutdown("Server is shutting down.");

        Assert.True(harness.Hub.IsShuttingDown);
        var notice = members[0].Sink.Single<ServerShutdown>();
        Assert.Equal("Server is shutting down.", notice.Text);
        foreach (var (_, sink) in members)
        {
            Assert.Same(notice, sink.Single<ServerShutdown>());
            Assert.Equal(1, sink.EventsBeforeComplete);
            Assert.Equal(1, sink.CompleteCalls);
        }

        Assert.Equal(RegistrationResult.ShuttingDown, harness.Hub.TryRegister("dave", "test", "-", true, new RecordingSink(), out _));
    }

    [Fact]
    public void Shutdown_twice_tells_members_once()
    {
        var harness = new HubHarness();
        var (_, sink) = harness.RegisterQuietly("alice")[0];

        harness.Hub.Shutdown("one");
        harness.Hub.Shutdown("two");

        Assert.Equal("one", sink.Single<ServerShutdown>().Text);
        Assert.Equal(1, sink.CompleteCalls);
    }
}
