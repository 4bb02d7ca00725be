using System.Collections;

namespace Parley.Core.Hub;

/// <summary>
/// An immutable view of a room's members at one moment: the first <see cref="Count"/> slots of a buffer that later
/// views may share. A join appends into the buffer's spare capacity and publishes a new view (no copy: a join storm
/// of N members allocates O(log N) buffers, not N arrays of up to N slots that queued events would keep alive);
/// a departure copies into a new buffer. Safe because only the newest view's buffer is ever appended to, at an
/// index no older view reads. Views made by appending to one another share a lineage (<see cref="Extends"/>): each
/// is the one before it plus the members that joined since, so a dispatcher can hand a member every event of a
/// join storm in one call.
/// </summary>
public sealed class RoomMembers : IReadOnlyList<Member>
{
    private static long s_lineages;

    private readonly Member[] _buffer;
    private readonly long _lineage;

    private RoomMembers(Member[] buffer, int count, long lineage)
    {
        _buffer = buffer;
        Count = count;
        _lineage = lineage;
    }

    public static RoomMembers Empty { get; } = new([], 0, 0);

    public int Count { get; }

    public Member this[int index] => (uint)index < (uint)Count ? _buffer[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public ReadOnlySpan<Member> Span => _buffer.AsSpan(0, Count);

    public bool Contains(Member member) => Span.IndexOf(member) >= 0;

    /// <summary>The view with <paramref name="member"/> added at the end. Only for the room's newest view.</summary>
    internal RoomMembers Append(Member member)
    {
        var buffer = _buffer;
        if (Count == buffer.Length)
        {
            buffer = new Member[Math.Max(4, buffer.Length * 2)];
            Span.CopyTo(buffer);
        }

        buffer[Count] = member;
        return new RoomMembers(buffer, Count + 1, _lineage);
    }

    /// <summary>True when this view is <paramref name="earlier"/> with zero or more members appended: the first
    /// <c>earlier.Count</c> members of both are the same, in the same slots.</summary>
    internal bool Extends(RoomMembers earlier) =>
        ReferenceEquals(this, earlier) || (_lineage == earlier._lineage && Count >= earlier.Count);

    /// <summary>The view without the member at <paramref name="index"/>, in a buffer of its own.</summary>
    internal RoomMembers RemoveAt(int index)
    {
        // A departure starts a new lineage: later views no longer extend the ones before it.
        var lineage = Interlocked.Increment(ref s_lineages);
        var remaining = Count - 1;
        if (remaining == 0)
        {
            return new RoomMembers([], 0, lineage);
        }

        var buffer = new Member[Math.Max(4, remaining + (remaining / 4))];
        Span[..index].CopyTo(buffer);
        Span[(index + 1)..].CopyTo(buffer.AsSpan(index));
        return new RoomMembers(buffer, remaining, lineage);
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<Member> IEnumerable<Member>.GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _buffer[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<Member>)this).GetEnumerator();

    /// <summary>Allocation-free <c>foreach</c>.</summary>
    public struct Enumerator(RoomMembers members)
    {
        private int _index = -1;

        public readonly Member Current => members._buffer[_index];

        public bool MoveNext() => ++_index < members.Count;
    }
}
