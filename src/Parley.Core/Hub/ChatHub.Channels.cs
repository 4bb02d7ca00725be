using Parley.Core.Events;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    /// <summary>A copy of the room's state, or null when there is no such room.</summary>
    public RoomView? GetRoom(string roomName)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(roomName, out var room) ? room.View() : null;
        }
    }

    /// <summary>Copies of every room's state, by name.</summary>
    public IReadOnlyList<RoomView> GetRooms()
    {
        lock (_gate)
        {
            return [.. _rooms.Values.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(r => r.View())];
        }
    }

    /// <summary>Copies of the rooms <paramref name="member"/> is in, oldest first.</summary>
    public IReadOnlyList<RoomView> GetRoomsOf(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_gate)
        {
            return [.. member.Rooms.Select(r => r.View())];
        }
    }

    /// <summary>
    /// Joins a room with the channel rules IRC users expect: a new room's first member becomes its operator;
    /// invite-only (+i), key (+k), limit (+l) and bans (+b) are checked. Everyone in the room, the newcomer too, is told.
    /// </summary>
    public JoinOutcome JoinRoom(Member member, string roomName, string? key)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!member.CanChangeRooms)
        {
            return JoinOutcome.RoomsUnsupported;
        }

        if (!RoomNameRules.IsValid(roomName, Options.MaxRoomNameLength))
        {
            return JoinOutcome.NameInvalid;
        }

        Room room;
        var created = false;
        while (true)
        {
            lock (_gate)
            {
                if (_rooms.TryGetValue(roomName, out var existing) && existing.Members.Contains(member))
                {
                    return JoinOutcome.AlreadyIn;
                }

                if (member.Rooms.Count >= Options.MaxRoomsPerMember)
                {
                    return JoinOutcome.TooManyRooms;
                }

                if (existing is null)
                {
                    existing = NewRoom(roomName);
                    existing.CreatedAt = Now;
                    existing.Modes = RoomModes.NoExternal | RoomModes.TopicLocked;
                    existing.DeliveredThrough = Interlocked.Read(ref _lastMessageId);
                    _rooms.Add(roomName, existing);
                    created = true;
                    existing.Operators.Add(member);
                }

                room = existing;
            }

            // The dispatch lock, then the gate (the allowed order): the newcomer's JOIN reaches it before any room
            // event that counts it as a member.
            bool dispatch;
            lock (room.Dispatcher.Gate)
            {
                lock (_gate)
                {
                    if (!_rooms.TryGetValue(roomName, out var current) || current != room)
                    {
                        // Emptied and removed meanwhile: start again with the room as it is now.
                        created = false;
                        continue;
                    }

                    if (!created && !room.Members.Contains(member) && Refusal(room, member, key) is { } refused)
                    {
                        return refused;
                    }

                    room.Invited.Remove(member.Nick);
                    if (room.Add(member))
                    {
                        member.Rooms.Add(room);
                        ClusterJoined(member, room);
                    }

                    member.CurrentRoom = room.Name;
                }

                dispatch = room.Dispatcher.EnqueueOwnFirstLocked(JoinedEvent(room, member), member);
            }

            if (dispatch)
            {
                room.Dispatcher.Drain();
            }

            break;
        }

        LogJoined(member.Nick, room.Name);
        if (created)
        {
            RememberRoom(room);
        }

        if (member.AwayMessage is { } away)
        {
            // The room learns the newcomer is away at once (IRCv3 away-notify on join).
            Broadcast(room, new AwayChanged(member.Nick, away, Now), except: member);
        }

        GrantConfiguredOperator(member, room.Name);
        return JoinOutcome.Joined;
    }

    /// <summary>Leaves a room with a reason the room is told (IRC PART with a message: "part: ..."). False when not in it.</summary>
    public bool PartRoom(Member member, string roomName, string reason)
    {
        ArgumentNullException.ThrowIfNull(member);
        Room? room;
        lock (_gate)
        {
            room = FindRoom(member, roomName);
        }

        if (room is null)
        {
            return false;
        }

        Broadcast(room, new MemberLeft(room.Name, member.Nick, reason, Now), except: null);
        lock (_gate)
        {
            RemoveFromRoom(member, room);
        }

        LogParted(member.Nick, room.Name);
        return true;
    }

    /// <summary>Whether <paramref name="member"/> may post to <paramref name="roomName"/> now: a member unless the
    /// room is +m (then operators and voiced only); a non-member only when the room is -n, not +m and it is not banned.</summary>
    public bool CanPost(Member member, string roomName)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomName, out var room))
            {
                return false;
            }

            return room.Members.Contains(member) ? CanPostLocked(room, member) : FindPostTarget(member, roomName) is not null;
        }
    }

    /// <summary>Under the hub's lock: +m lets only operators and voiced members post.</summary>
    private static bool CanPostLocked(Room room, Member member) =>
        (room.Modes & RoomModes.Moderated) == 0 || room.Operators.Contains(member) || room.Voiced.Contains(member);

    /// <summary>Under the hub's lock: the room <paramref name="sender"/> may post to by that name, its own or, when the
    /// room is -n (no +n, IRC's "no external messages"), a room it is not in, unless +m or a ban keeps it out.</summary>
    private Room? FindPostTarget(Member sender, string? roomName)
    {
        if (FindRoom(sender, roomName) is { } own)
        {
            return own;
        }

        if (roomName is null || !_rooms.TryGetValue(roomName, out var room))
        {
            return null;
        }

        const RoomModes closed = RoomModes.NoExternal | RoomModes.Moderated;
        return (room.Modes & closed) == 0 && !IsBanned(room, sender) ? room : null;
    }

    /// <summary>Invites <paramref name="nick"/> to a room (operators only when it is +i); the invitee is told.</summary>
    public ChannelOutcome Invite(Member by, string roomName, string nick)
    {
        ArgumentNullException.ThrowIfNull(by);
        Member? target;
        lock (_gate)
        {
            target = _members.GetValueOrDefault(nick);
            if (target is null)
            {
                return ChannelOutcome.NoSuchNick;
            }

            if (_rooms.TryGetValue(roomName, out var room))
            {
                if (!room.Members.Contains(by))
                {
                    return ChannelOutcome.NotInRoom;
                }

                if ((room.Modes & RoomModes.InviteOnly) != 0 && !room.Operators.Contains(by))
                {
                    return ChannelOutcome.NotOperator;
                }

                if (room.Members.Contains(target))
                {
                    return ChannelOutcome.TargetAlreadyInRoom;
                }

                room.Invited.Add(target.Nick);
                roomName = room.Name;
            }

            // Every node records it: the invitee may reconnect to another node before it joins.
            ClusterInvited(by, roomName, target);
        }

        target.Sink.TryDeliver(new MemberInvited(roomName, by.Nick, target.Nick, Now) { Account = by.Account });
        return ChannelOutcome.Done;
    }

    private static JoinOutcome? Refusal(Room room, Member member, string? key)
    {
        var invited = room.Invited.Contains(member.Nick);
        if ((room.Modes & RoomModes.InviteOnly) != 0 && !invited)
        {
            return JoinOutcome.InviteOnly;
        }

        if (room.Key is not null && !string.Equals(room.Key, key, StringComparison.Ordinal))
        {
            return JoinOutcome.BadKey;
        }

        if (room.Limit > 0 && room.Members.Count >= room.Limit)
        {
            return JoinOutcome.Full;
        }

        if (!invited && IsBanned(room, member))
        {
            return JoinOutcome.Banned;
        }

        return null;
    }

    private static bool IsBanned(Room room, Member member)
    {
        var mask = member.Nick + "!" + member.UserName + "@parley";
        foreach (var ban in room.Bans)
        {
            if (Wildcard.Matches(ban, mask))
            {
                return true;
            }
        }

        return false;
    }
}
