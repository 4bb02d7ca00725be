using Parley.Core.Events;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    /// <summary>
    /// Gives <paramref name="member"/> a new nickname; the nick table changes atomically under the hub's lock, so
    /// no moment exists where both or neither nick is taken. Everyone sharing a room with the member, and the
    /// member itself, is told once (per room in that room's broadcast order); the member gets its own copy (<see cref="MemberRenamed.IsOwn"/>).
    /// </summary>
    public RenameResult TryRename(Member member, string newNick) => TryRename(member, newNick, since: null);

    /// <summary><paramref name="since"/>: for a member of another node, its <see cref="Member.NickSince"/> as its own
    /// node set it in this rename (null: this node's now, when the name is another one).</summary>
    private RenameResult TryRename(Member member, string newNick, DateTimeOffset? since)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!NicknameRules.IsValid(newNick, Options.MaxNickLength))
        {
            return RenameResult.NickInvalid;
        }

        string oldNick;
        Room[] rooms;
        lock (_gate)
        {
            if (!_members.TryGetValue(member.Nick, out var current) || current != member)
            {
                return RenameResult.NotMember;
            }

            oldNick = member.Nick;
            if (string.Equals(oldNick, newNick, StringComparison.Ordinal))
            {
                return RenameResult.Unchanged;
            }

            // A change of case only is the member's own nick, not someone else's.
            if (_members.TryGetValue(newNick, out var holder) && holder != member)
            {
                return RenameResult.NickTaken;
            }

            _members.Remove(oldNick);
            member.Nick = newNick;
            if (since is { } known)
            {
                member.NickSince = known;
            }
            else if (!string.Equals(oldNick, newNick, StringComparison.OrdinalIgnoreCase))
            {
                // Another name: what a guest of that name sent or received before now is not this member's.
                member.NickSince = Now;
            }

            _members.Add(newNick, member);
            ClusterRenamed(member, oldNick, newNick);
            rooms = [.. member.Rooms];
        }

        LogRenamed(oldNick, newNick);
        Remember(member, oldNick);
        NickClaimed(member);
        var renamed = new MemberRenamed(oldNick, newNick, Now);
        var own = new MemberRenamed(oldNick, newNick, renamed.Time, isOwn: true);
        if (rooms.Length == 0)
        {
            member.Sink.TryDeliver(own);
            return RenameResult.Renamed;
        }

        // Queued in each room, in that room's order; the filter tells every member once, in whichever room
        // dispatches it first, and the member itself (in all of its rooms) its own copy.
        var filter = new RenameFilter(member, renamed, own);
        foreach (var room in rooms)
        {
            bool dispatch;
            lock (room.Dispatcher.Gate)
            {
                dispatch = room.Dispatcher.EnqueueLocked(renamed, null, filter);
            }

            if (dispatch)
            {
                room.Dispatcher.Drain();
            }
        }

        return RenameResult.Renamed;
    }
}
