using System.Runtime.InteropServices;

using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>Delivering the taken queue to the members of the phases that are due: runs of events whose recipients
/// only grew (joins between them), each recipient's share of a run in one call.</summary>
public sealed partial class RoomDispatcher
{
    /// <summary>Delivers <see cref="_taken"/> up to <paramref name="end"/> to the phases in <paramref name="due"/>,
    /// each member from its phase's cursor on, then moves those cursors to <paramref name="end"/>.</summary>
    private void DeliverBatch(int due, int end)
    {
        var from = end;
        var aligned = due == AllPhases;
        for (var phase = 0; phase < _phases; phase++)
        {
            if ((due & (1 << phase)) != 0)
            {
                from = Math.Min(from, _sent[phase]);
            }
        }

        for (var phase = 0; phase < _phases && aligned; phase++)
        {
            aligned = _sent[phase] == from;
        }

        var all = CollectionsMarshal.AsSpan(_taken)[..end];
        var start = from;
        while (start < all.Length)
        {
            // Each event goes to the members it was queued for. Joins only append to the member view, so a run goes
            // on across them (a member's share is the events whose view reaches its slot); a departure ends the run.
            var recipients = all[start].Recipients;
            var stop = start + 1;
            while (stop < all.Length && stop - start < MaxBatch && all[stop].Recipients.Extends(recipients))
            {
                recipients = all[stop].Recipients;
                stop++;
            }

            DeliverRun(all[start..stop], recipients, aligned ? -1 : start, due);
            start = stop;
        }

        MarkSent(due, end);
    }

    /// <summary>Hands each member of a due phase its share of <paramref name="run"/>. <paramref name="runStart"/> is
    /// the run's index in the queue, or -1 when every member of the room gets all of it (all phases due, none ahead).</summary>
    private void DeliverRun(ReadOnlySpan<RoomDelivery> run, RoomMembers recipients, int runStart, int due)
    {
        if (run.Length == 1 && run[0].Filter is null)
        {
            var only = run[0];
            foreach (var member in recipients.Span)
            {
                if (member != only.Except && (runStart < 0 || FirstFor(member, runStart, due) == 0))
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
            var first = runStart < 0 ? 0 : FirstFor(member, runStart, due);
            var count = 0;
            for (var i = first; i < run.Length; i++)
            {
                var delivery = run[i];
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

    /// <summary>The first event of the run starting at queue index <paramref name="runStart"/> that
    /// <paramref name="member"/> has not had: 0 for all of it, <see cref="int.MaxValue"/> when its phase is not due.</summary>
    private int FirstFor(Member member, int runStart, int due)
    {
        var phase = PhaseOf(member);
        return (due & (1 << phase)) == 0 ? int.MaxValue : Math.Max(0, _sent[phase] - runStart);
    }
}
