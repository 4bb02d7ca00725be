namespace Parley.Core.Hub;

/// <summary>
/// A room and its members. Membership changes happen under the hub's lock and publish a new array, so a
/// broadcast reads <see cref="Members"/> without locking. Broadcasts to one room are serialised by
/// <see cref="BroadcastLock"/> so that every member sees the room's messages in the same order.
/// </summary>
public sealed partial class Room(string name)
{
    private Member[] _members = [];

    public string Name { get; } = name;

    internal Lock BroadcastLock { get; } = new();

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
