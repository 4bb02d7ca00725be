using Parley.Core.Events;
using Parley.Core.History;
using Parley.Core.Tests.Hub;

namespace Parley.Core.Tests.History;

/// <summary>The task a sender may await for its message (ChatHub.HandOver.cs): complete at once with history off,
/// after the commit and the hand-over with it on, false when the message is refused.</summary>
public sealed class HandOverTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task With_history_off_the_task_is_complete_already()
    {
        var harness = new HubHarness();
        var members = harness.RegisterQuietly("alice", "bob");
        var alice = members[0].Member;

        Assert.NotNull(harness.Hub.Say(alice, null, "hi", null, null, out _, out var said));
        Assert.NotNull(harness.Hub.SendDirectMessage(alice, "bob", "psst", null, null, out var direct));

        Assert.True(said.IsCompletedSuccessfully);
        Assert.True(await said);
        Assert.Same(said, direct);
    }

    [Fact]
    public async Task A_direct_message_is_handed_over_after_its_commit_and_the_recipient_has_it_by_then()
    {
        var harness = new HubHarness();
        var store = new GatedHistoryStore();
        harness.Hub.AttachHistory(store, new HistoryOptions(), 0, []);
        var members = harness.RegisterQuietly("alice", "bob");
        var (alice, bob) = (members[0].Member, members[1].Sink);

        harness.Hub.SendDirectMessage(alice, "bob", "psst", null, null, out var handedOver);
        harness.Hub.Say(alice, null, "hi", null, null, out _, out var said);
        Assert.False(handedOver.IsCompleted);
        Assert.False(said.IsCompleted);

        store.Open();
        Assert.True(await handedOver.WaitAsync(Bound));
        Assert.Contains(bob.Events, e => e is DirectMessageSent { Text: "psst" });
        Assert.True(await said.WaitAsync(Bound));
        await harness.Hub.DetachHistoryAsync();
    }

    [Fact]
    public async Task A_message_the_store_refuses_completes_with_false()
    {
        var harness = new HubHarness();
        var store = new GatedHistoryStore { Fails = true };
        store.Open();
        harness.Hub.AttachHistory(store, new HistoryOptions(), 0, []);
        var members = harness.RegisterQuietly("alice", "bob");

        harness.Hub.Say(members[0].Member, null, "lost", null, null, out _, out var said);

        Assert.False(await said.WaitAsync(Bound));
        Assert.Contains(members[0].Sink.Events, e => e is ErrorNotice { Code: ErrorCodes.HistoryUnavailable });
        await harness.Hub.DetachHistoryAsync();
    }

    [Fact]
    public async Task A_message_after_the_writer_stopped_completes_with_false()
    {
        var harness = new HubHarness();
        var store = new GatedHistoryStore();
        store.Open();
        harness.Hub.AttachHistory(store, new HistoryOptions(), 0, []);
        var members = harness.RegisterQuietly("alice", "bob");
        await harness.Hub.DetachHistoryAsync();

        harness.Hub.SendDirectMessage(members[0].Member, "bob", "late", null, null, out var handedOver);

        Assert.False(await handedOver.WaitAsync(Bound));
    }
}
