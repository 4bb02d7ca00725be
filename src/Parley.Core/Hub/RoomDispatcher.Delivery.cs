using System.Runtime.InteropServices;

using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>Delivering a taken batch: runs of events whose recipients only grew (joins between them), each
/// recipient's share of a run in one call.</summary>
public sealed partial class RoomDispatcher
{
    private void DeliverBatch(List<RoomDelivery> batch)
    {
        var all = CollectionsMarshal.AsSpan(batch);
        var start = 0;
        while (start < all.Length)
        {
            // Each event goes to the members it was queued for. Joins only append to the member view, so a run goes
            // on across them (a member's share is the events whose view reaches its slot); a departure ends the run.
            var recipients = all[start].Recipients;
            var end = start + 1;
            while (end < all.Length && end - start < MaxBatch && all[end].Recipients.Extends(recipients))
            {
                recipients = all[end].Recipients;
                end++;
            }

            DeliverRun(all[start..end], recipients);
            start = end;
        }
    }

    private void DeliverRun(ReadOnlySpan<RoomDelivery> run, RoomMembers recipients)
    {
        if (run.Length == 1 && run[0].Filter is null)
        {
            var only = run[0];
            foreach (var member in recipients.Span)
            {
                if (member != only.Except)
                {
                    member.Sink.TryDeliver(only.Event);
                }
            }

            return;
        }

        var scratch = _scratch;
        var members = recipients.Span;
        for (var slot = 0; slot < members.Length; slot++)
        {
            var member = members[slot];
            var count = 0;
            foreach (var delivery in run)
            {
                if (slot < delivery.Recipients.Count && delivery.For(member) is { } chatEvent)
                {
                    scratch[count++] = chatEvent;
                }
            }

            if (count == 1)
            {
                member.Sink.TryDeliver(scratch[0]);
            }
            else if (count > 1)
            {
                member.Sink.TryDeliverMany(scratch.AsSpan(0, count));
            }
        }

        // Do not keep the events alive until the next batch.
        Array.Clear(scratch, 0, run.Length);
    }
}
