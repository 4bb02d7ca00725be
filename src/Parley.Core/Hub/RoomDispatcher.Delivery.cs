using System.Runtime.InteropServices;

using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>Delivering the taken queue to the members of the phases that are due: runs of events, each member's
/// share of a run in one call, also across joins and departures between the run's events
/// (RoomDispatcher.Runs.cs says who was in the room for which event).</summary>
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
            var stop = TakeRun(all, start);
            DeliverRun(all[start..stop], aligned ? -1 : start, due);
            start = stop;
        }

        MarkSent(due, end);
    }

    /// <summary>Hands each member of a due phase its share of <paramref name="run"/> (as <see cref="TakeRun"/> left
    /// it). <paramref name="runStart"/> is the run's index in the queue, or -1 when every member gets all of its share
    /// (all phases due, none ahead).</summary>
    private void DeliverRun(ReadOnlySpan<RoomDelivery> run, int runStart, int due)
    {
        if (run.Length == 1 && run[0].Filter is null)
        {
            var only = run[0];
            foreach (var member in only.Recipients.Span)
            {
                if (member != only.Except && (runStart < 0 || FirstFor(member, runStart, due) == 0))
                {
                    member.Sink.TryDeliver(only.Event);
                }
            }

            return;
        }

        foreach (var member in _runLast!.Span)
        {
            DeliverShare(run, member, runStart, due);
        }

        foreach (var member in _departed)
        {
            DeliverShare(run, member, runStart, due);
        }

        // Do not keep the events or the members alive until the next batch.
        Array.Clear(_scratch, 0, run.Length);
        _runLast = null;
    }

    private void DeliverShare(ReadOnlySpan<RoomDelivery> run, Member member, int runStart, int due)
    {
        var (first, stop) = _changed ? Presence(member, run.Length) : (0, run.Length);
        if (runStart >= 0)
        {
            first = Math.Max(first, FirstFor(member, runStart, due));
        }

        var scratch = _scratch;
        var count = 0;
        for (var i = first; i < stop; i++)
        {
            if (run[i].For(member) is { } chatEvent)
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

    /// <summary>The first event of the run starting at queue index <paramref name="runStart"/> that
    /// <paramref name="member"/> has not had: 0 for all of it, <see cref="int.MaxValue"/> when its phase is not due.</summary>
    private int FirstFor(Member member, int runStart, int due)
    {
        var phase = PhaseOf(member);
        return (due & (1 << phase)) == 0 ? int.MaxValue : Math.Max(0, _sent[phase] - runStart);
    }
}
