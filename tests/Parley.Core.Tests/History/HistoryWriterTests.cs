using System.Diagnostics;

using Parley.Core.Events;
using Parley.Core.History;
using Parley.Core.Tests.Hub;

namespace Parley.Core.Tests.History;

/// <summary>Durability before delivery, group commit and order, with a store the test opens and closes.</summary>
public sealed class HistoryWriterTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Nobody_sees_a_message_before_its_batch_is_committed()
    {
        var harness = new HubHarness();
        var store = new GatedHistoryStore();
        harness.Hub.AttachHistory(store, new HistoryOptions(), 0, []);
        var ((alice, _), (_, bob)) = Two(harness);

        await harness.InputAsync(alice, "hi");
        Assert.DoesNotContain(bob.Events, e => e is MessagePosted);

        store.Open();
        Assert.True(SpinWait.SpinUntil(() => bob.Events.Any(e => e is MessagePosted), Bound));
        Assert.Equal("hi", Assert.Single(Assert.Single(store.Batches)).Text);
        await harness.Hub.DetachHistoryAsync();
    }

    [Fact]
    public async Task Messages_queued_during_a_commit_share_the_next_transaction_and_arrive_in_id_order()
    {
        var harness = new HubHarness();
        var store = new GatedHistoryStore();
        harness.Hub.AttachHistory(store, new HistoryOptions { BatchWindow = TimeSpan.Zero }, 100, []);
        var ((alice, _), (_, bob)) = Two(harness);

        for (var i = 0; i < 50; i++)
        {
            await harness.InputAsync(alice, $"m{i}");
        }

        store.Open();
        Assert.True(SpinWait.SpinUntil(() => bob.Events.Count(e => e is MessagePosted) == 50, Bound));
        Assert.InRange(store.Batches.Count, 1, 2);
        var ids = bob.Events.OfType<MessagePosted>().Select(m => m.Id).ToArray();
        Assert.Equal(Enumerable.Range(101, 50).Select(i => (long)i), ids);
        await harness.Hub.DetachHistoryAsync();
    }

    [Fact]
    public async Task A_message_the_store_cannot_take_is_delivered_to_nobody_and_its_sender_is_told()
    {
        var harness = new HubHarness();
        var store = new GatedHistoryStore { Fails = true };
        store.Open();
        harness.Hub.AttachHistory(store, new HistoryOptions(), 0, []);
        var ((alice, aliceSink), (_, bob)) = Two(harness);

        await harness.InputAsync(alice, "lost");

        Assert.True(SpinWait.SpinUntil(() => aliceSink.Events.OfType<ErrorNotice>().Any(), Bound));
        Assert.Equal(ErrorCodes.HistoryUnavailable, aliceSink.Events.OfType<ErrorNotice>().Single().Code);
        await harness.Hub.DetachHistoryAsync();
        Assert.DoesNotContain(bob.Events, e => e is MessagePosted);
    }

    [Fact]
    public async Task The_writer_thread_does_not_carry_the_context_of_whoever_started_it()
    {
        // The writer lives as long as the hub: started with its starter's ExecutionContext it would run every commit
        // and hand-off under that caller's Activity (a request's trace) and AsyncLocals.
        var harness = new HubHarness();
        var store = new GatedHistoryStore();
        store.Open();
        using (new Activity("starter").Start())
        {
            harness.Hub.AttachHistory(store, new HistoryOptions(), 0, []);
        }

        var ((alice, _), (_, bob)) = Two(harness);
        await harness.InputAsync(alice, "hi");

        Assert.True(SpinWait.SpinUntil(() => bob.Events.Any(e => e is MessagePosted), Bound));
        Assert.Null(Assert.Single(store.AppendActivities));
        await harness.Hub.DetachHistoryAsync();
    }

    private static ((Parley.Core.Hub.Member, RecordingSink), (Parley.Core.Hub.Member, RecordingSink)) Two(HubHarness harness)
    {
        var members = harness.RegisterQuietly("alice", "bob");
        return (members[0], members[1]);
    }
}
