namespace Parley.Core.Hub;

/// <summary>
/// Runs: consecutive queued events delivered to each member in one call. Each event goes to the room's members of
/// the moment it was queued (its <see cref="RoomDelivery.Recipients"/> view), and between two events the room may
/// have changed: members appended (joins) or removed (departures; a view keeps the order of those who stay). A run
/// records, for the members that came or went during it, the event from which they are in the room
/// (<see cref="_joinedAt"/>) and the event from which they are not (<see cref="_leftAt"/>); everyone else is in
/// the room for the whole run. So a storm of joins or departures costs each member one write per turn, not one per
/// event. A member that left and came back within one run ends the run there. Belongs to the one dispatcher.
/// </summary>
public sealed partial class RoomDispatcher
{
    private readonly Dictionary<Member, int> _joinedAt = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Member, int> _leftAt = new(ReferenceEqualityComparer.Instance);
    private readonly List<Member> _departed = [];
    private readonly List<Member> _comers = [];
    private readonly List<Member> _goers = [];

    // The run's last view (who is in the room after it), and whether anyone came or went during it.
    private RoomMembers? _runLast;
    private bool _changed;

    /// <summary>The end of the run that starts at <paramref name="start"/>, at most <see cref="MaxBatch"/> events,
    /// with the presence of the members that came or went during it recorded.</summary>
    private int TakeRun(ReadOnlySpan<RoomDelivery> all, int start)
    {
        _joinedAt.Clear();
        _leftAt.Clear();
        _departed.Clear();
        _changed = false;
        var view = all[start].Recipients;
        var stop = start + 1;
        while (stop < all.Length && stop - start < MaxBatch)
        {
            var next = all[stop].Recipients;
            if (!ReferenceEquals(next, view))
            {
                if (!Record(view, next, stop - start))
                {
                    break;
                }

                _changed = true;
            }

            view = next;
            stop++;
        }

        _runLast = view;
        return stop;
    }

    /// <summary>Records who came and went between two views, from event <paramref name="index"/> of the run on;
    /// false (nothing recorded) when a member would come or go twice within the run.</summary>
    private bool Record(RoomMembers earlier, RoomMembers later, int index)
    {
        _comers.Clear();
        _goers.Clear();
        if (later.Extends(earlier))
        {
            _comers.AddRange(later.Span[earlier.Count..]);
        }
        else
        {
            // Those who stay keep their order and newcomers are appended: one walk over both views.
            var before = earlier.Span;
            var after = later.Span;
            var j = 0;
            foreach (var member in before)
            {
                if (j < after.Length && after[j] == member)
                {
                    j++;
                }
                else
                {
                    _goers.Add(member);
                }
            }

            _comers.AddRange(after[j..]);
        }

        foreach (var member in _comers)
        {
            if (_joinedAt.ContainsKey(member) || _leftAt.ContainsKey(member))
            {
                return false;
            }
        }

        foreach (var member in _goers)
        {
            if (_leftAt.ContainsKey(member))
            {
                return false;
            }
        }

        foreach (var member in _comers)
        {
            _joinedAt.Add(member, index);
        }

        foreach (var member in _goers)
        {
            _leftAt.Add(member, index);
            _departed.Add(member);
        }

        return true;
    }

    /// <summary>The events of the run (first, stop) during which <paramref name="member"/> is in the room.</summary>
    private (int First, int Stop) Presence(Member member, int length) =>
        (_joinedAt.GetValueOrDefault(member, 0), _leftAt.GetValueOrDefault(member, length));
}
