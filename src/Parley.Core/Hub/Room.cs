namespace Parley.Core.Hub;

/// <summary>
/// A room and its members. Membership changes happen under the hub's lock and publish a new array, so a
/// broadcast reads <see cref="Members"/> without locking. Every event for the room goes through its
/// <see cref="Dispatcher"/>, so every member sees the room's events in the same order.
/// </summary>
public sealed partial class Room
{
    private Member[] _members = [];

    internal Room(string name, int queueLength, DispatchBacklog? backlog)
    {
        Name = name;
        Dispatcher = new RoomDispatcher(this, queueLength, backlog);
    }

    public string Name { get; }

    /// <summary>The room's fan-out: the one way events reach its members, in order.</summary>
    public RoomDispatcher Dispatcher { get; }

    /// <summary>The id of the last message handed to this room's <see cref="Dispatcher"/> (or, for a room that had
    /// none yet, a bound below any of its messages). Written and read under the dispatcher's gate: a member added
    /// under that gate receives live every message above it (the dispatcher takes its recipients when an event is
    /// queued), and its history replay stops at it.</summary>
    internal long DeliveredThrough { get; set; }

    public IReadOnlyList<Member> Members => Volatile.Read(ref _members);

    internal Member[] Snapshot => Volatile.Read(ref _members);

    internal bool Add(Member member)
    {
        var current = _members;
        if (Array.IndexOf(current, member) >= 0)
        {
            return false;
        }

        Volatile.Write(ref _members, [.. current, member]);
        return true;
    }

    internal bool Remove(Member member)
    {
        var current = _members;
        var index = Array.IndexOf(current, member);
        if (index < 0)
        {
            return false;
        }

        Operators.Remove(member);
        Voiced.Remove(member);
        var next = new Member[current.Length - 1];
        Array.Copy(current, 0, next, 0, index);
        Array.Copy(current, index + 1, next, index, current.Length - index - 1);
        Volatile.Write(ref _members, next);
        return true;
    }
}
