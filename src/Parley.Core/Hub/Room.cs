namespace Parley.Core.Hub;

/// <summary>
/// A room and its members. Membership changes happen under the hub's lock and publish a new view, so a
/// broadcast reads <see cref="Members"/> without locking. Every event for the room goes through its
/// <see cref="Dispatcher"/>, so every member sees the room's events in the same order.
/// </summary>
public sealed partial class Room
{
    private RoomMembers _members = RoomMembers.Empty;

    internal Room(string name, int queueLength, DispatchBacklog? backlog, TimeSpan fanOutInterval = default,
        TimeProvider? time = null, Action<string, Exception>? onFault = null, int fanOutPhases = 1)
    {
        Name = name;
        Dispatcher = new RoomDispatcher(this, queueLength, backlog, fanOutInterval, time ?? TimeProvider.System, onFault, fanOutPhases);
    }

    public string Name { get; }

    /// <summary>The room's fan-out: the one way events reach its members, in order.</summary>
    public RoomDispatcher Dispatcher { get; }

    /// <summary>The id of the last message handed to this room's <see cref="Dispatcher"/> (or, for a room that had
    /// none yet, a bound below any of its messages). Written and read under the dispatcher's gate: a member added
    /// under that gate receives live every message above it (the dispatcher takes its recipients when an event is
    /// queued), and its history replay stops at it.</summary>
    internal long DeliveredThrough { get; set; }

    public RoomMembers Members => Volatile.Read(ref _members);

    internal RoomMembers Snapshot => Volatile.Read(ref _members);

    internal bool Add(Member member)
    {
        var current = _members;
        if (current.Contains(member))
        {
            return false;
        }

        Volatile.Write(ref _members, current.Append(member));
        return true;
    }

    internal bool Remove(Member member)
    {
        var current = _members;
        var index = current.Span.IndexOf(member);
        if (index < 0)
        {
            return false;
        }

        Operators.Remove(member);
        Voiced.Remove(member);
        Volatile.Write(ref _members, current.RemoveAt(index));
        return true;
    }
}
