using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>Joining and leaving rooms by name (JSON and text members; IRC channels are in ChatHub.Channels.cs).</summary>
public sealed partial class ChatHub
{
    /// <summary>Joins (creating if needed) a room and makes it current. Returns an error code or null. The room's modes
    /// apply as they do to an IRC JOIN (<see cref="JoinRoom"/>): +i, +k (<paramref name="key"/>), +l and +b refuse with
    /// <see cref="ErrorCodes.InviteOnly"/>, <see cref="ErrorCodes.BadKey"/>, <see cref="ErrorCodes.RoomFull"/> and
    /// <see cref="ErrorCodes.Banned"/>.</summary>
    public string? Join(Member member, string roomName, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!member.CanChangeRooms)
        {
            return ErrorCodes.RoomsUnsupported;
        }

        if (!RoomNameRules.IsValid(roomName, Options.MaxRoomNameLength))
        {
            return ErrorCodes.RoomInvalid;
        }

        while (true)
        {
            Room? room;
            var created = false;
            lock (_gate)
            {
                if (_rooms.TryGetValue(roomName, out room) && room.Members.Contains(member))
                {
                    member.CurrentRoom = room.Name;
                    return null;
                }

                // Refuse before creating: a refused join must not leave an empty room behind (one per attempt). A
                // stand-in's own node checked its join already (against the same room state, which the cluster shares).
                if (!member.IsRemote && member.Rooms.Count >= Options.MaxRoomsPerMember)
                {
                    return ErrorCodes.TooManyRooms;
                }

                if (room is not null && !member.IsRemote && Refusal(room, member, key) is { } refused)
                {
                    return ErrorCodeOf(refused);
                }

                if (room is null)
                {
                    // Its creator is its operator (topic, kick, modes), as on IRC; the default room has none.
                    room = NewRoom(roomName);
                    room.DeliveredThrough = Interlocked.Read(ref _lastMessageId);
                    _rooms.Add(roomName, room);
                    room.Operators.Add(member);
                    created = true;
                }
            }

            // The dispatch lock, then the gate (see TryRegister): the replay's bound is exact.
            long replayThrough;
            bool dispatch;
            lock (room.Dispatcher.Gate)
            {
                lock (_gate)
                {
                    if (!_rooms.TryGetValue(roomName, out var current) || current != room)
                    {
                        // Emptied and removed meanwhile: start again with the room as it is now.
                        continue;
                    }

                    if (!room.Members.Contains(member) && !member.IsRemote)
                    {
                        if (member.Rooms.Count >= Options.MaxRoomsPerMember)
                        {
                            return ErrorCodes.TooManyRooms;
                        }

                        if (Refusal(room, member, key) is { } refused)
                        {
                            return ErrorCodeOf(refused);
                        }
                    }

                    AddToRoom(member, room);
                    room.Invited.Remove(member.Nick);
                }

                replayThrough = room.DeliveredThrough;
                dispatch = room.Dispatcher.EnqueueOwnFirstLocked(JoinedEvent(room, member), member);
            }

            if (dispatch)
            {
                room.Dispatcher.Drain();
            }

            LogJoined(member.Nick, room.Name);
            if (created)
            {
                RememberRoom(room);
            }

            StartReplay(member, room, replayThrough);
            GrantConfiguredOperator(member, room.Name);
            return null;
        }
    }

    /// <summary>Leaves a room (the current one when null). Returns an error code or null.</summary>
    public string? Part(Member member, string? roomName)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!member.CanChangeRooms)
        {
            return ErrorCodes.RoomsUnsupported;
        }

        Room? room;
        lock (_gate)
        {
            roomName ??= member.CurrentRoom;
            room = FindRoom(member, roomName);
            if (room is null)
            {
                return ErrorCodes.NotInRoom;
            }
        }

        // Tell the room, the leaver included, before it stops receiving the room's events.
        Broadcast(room, new MemberLeft(room.Name, member.Nick, "part", Now), except: null);
        lock (_gate)
        {
            RemoveFromRoom(member, room);
        }

        LogParted(member.Nick, room.Name);
        return null;
    }

    private static string ErrorCodeOf(JoinOutcome refused) => refused switch
    {
        JoinOutcome.InviteOnly => ErrorCodes.InviteOnly,
        JoinOutcome.BadKey => ErrorCodes.BadKey,
        JoinOutcome.Full => ErrorCodes.RoomFull,
        _ => ErrorCodes.Banned,
    };

    /// <summary>Delivers now, to everyone, what waits for the fan-out interval in <paramref name="member"/>'s rooms,
    /// so that an answer to its next command cannot overtake a room event that happened before that command.</summary>
    public void DeliverWaiting(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        Room[] rooms;
        lock (_gate)
        {
            rooms = [.. member.Rooms];
        }

        foreach (var room in rooms)
        {
            room.Dispatcher.DeliverWaiting();
        }
    }
}
