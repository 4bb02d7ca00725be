using Parley.Core.Events;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    /// <summary>
    /// Claims <paramref name="nick"/> without putting the member in any room (IRC clients choose their channels).
    /// <paramref name="beforeAnnounce"/> runs under the hub's lock once the nick is the member's, so a protocol's
    /// welcome is queued before any event can reach it.
    /// </summary>
    public RegistrationResult TryRegisterWithoutRoom(
        string nick,
        string protocol,
        string address,
        string userName,
        string realName,
        IMemberSink sink,
        out Member? member,
        Action<Member>? beforeAnnounce = null)
    {
        member = null;
        if (!NicknameRules.IsValid(nick, Options.MaxNickLength))
        {
            return RegistrationResult.NickInvalid;
        }

        lock (_gate)
        {
            if (_shuttingDown)
            {
                return RegistrationResult.ShuttingDown;
            }

            if (_members.ContainsKey(nick))
            {
                return RegistrationResult.NickTaken;
            }

            member = new Member(nick, protocol, address, canChangeRooms: true, sink)
            {
                UserName = userName,
                RealName = realName,
                SignedOnAt = Now,
            };
            member.NickSince = member.SignedOnAt;
            _members.Add(nick, member);
            ClusterRegistered(member);
            _peakMembers = Math.Max(_peakMembers, _members.Count);
            beforeAnnounce?.Invoke(member);
        }

        LogRegistered(nick, protocol, address);
        NickClaimed(member);
        return RegistrationResult.Registered;
    }

    /// <summary>Every member's nick, for LUSERS and ISON-style queries.</summary>
    public IReadOnlyList<Member> Members()
    {
        lock (_gate)
        {
            return [.. _members.Values];
        }
    }

    /// <summary>The most members registered at once since the hub started, for LUSERS.</summary>
    public int PeakMemberCount
    {
        get
        {
            lock (_gate)
            {
                return _peakMembers;
            }
        }
    }

    /// <summary>Rooms that exist, for LUSERS.</summary>
    public int RoomCount
    {
        get
        {
            lock (_gate)
            {
                return _rooms.Count;
            }
        }
    }

    /// <summary>Tells the member's rooms it went away or came back (<paramref name="message"/> null).</summary>
    public void SetAway(Member member, string? message)
    {
        ArgumentNullException.ThrowIfNull(member);
        Room[] rooms;
        lock (_gate)
        {
            member.AwayMessage = message;
            ClusterAway(member);
            rooms = [.. member.Rooms];
        }

        TellRoomsOnce(rooms, member, new AwayChanged(member.Nick, message, Now));
    }

    /// <summary>Queues <paramref name="changed"/> (about <paramref name="member"/>) in each of its rooms, in that room's
    /// order; the filter tells every other member once, however many rooms they share.</summary>
    private static void TellRoomsOnce(Room[] rooms, Member member, ChatEvent changed)
    {
        var filter = new TellOnceFilter(member, changed);
        foreach (var room in rooms)
        {
            bool dispatch;
            lock (room.Dispatcher.Gate)
            {
                dispatch = room.Dispatcher.EnqueueLocked(changed, null, filter);
            }

            if (dispatch)
            {
                room.Dispatcher.Drain();
            }
        }
    }
}
