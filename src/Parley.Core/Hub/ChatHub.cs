using Microsoft.Extensions.Logging;

using Parley.Core.Events;
using Parley.Core.History;

namespace Parley.Core.Hub;

/// <summary>
/// Routes events between members: nicknames, rooms, messages, departures, shutdown. It knows nothing about bytes
/// or sockets; each member's <see cref="IMemberSink"/> does the delivery.
/// Ownership: <see cref="_gate"/> guards the nick table, every room table and every <see cref="Member.Rooms"/>;
/// a room's member array is replaced under it and read without it; a room's events are ordered by its
/// <see cref="RoomDispatcher"/>. Lock order: a dispatcher's gate, then <see cref="_gate"/> (joins take both so that a
/// newcomer's history replay ends exactly where its live messages begin); never a dispatcher's gate under <see cref="_gate"/>.
/// </summary>
public sealed partial class ChatHub
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Member> _members = new(NicknameRules.Comparer);
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly ILogger<ChatHub> _logger;
    private readonly Room _defaultRoom;
    private long _lastMessageId;
    private int _peakMembers;
    private bool _shuttingDown;

    public ChatHub(HubOptions options, TimeProvider time, ILogger<ChatHub> logger)
    {
        Options = options;
        _time = time;
        _logger = logger;
        _defaultRoom = NewRoom(options.DefaultRoom);
        _rooms[options.DefaultRoom] = _defaultRoom;
    }

    public HubOptions Options { get; }

    /// <summary>Up while some room's dispatch queue is over <see cref="HubOptions.RoomQueueLength"/>: read loops
    /// wait at it before handling the next message.</summary>
    public DispatchBacklog Backlog { get; } = new();

    public DateTimeOffset Now => _time.GetUtcNow();

    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    public int MemberCount
    {
        get
        {
            lock (_gate)
            {
                return _members.Count;
            }
        }
    }

    /// <summary>Claims <paramref name="nick"/> and puts the member in the default room, whose members (the
    /// newcomer too) are told it joined. <paramref name="beforeAnnounce"/> runs first, so that a protocol's
    /// own acknowledgement reaches the newcomer before any event.</summary>
    public RegistrationResult TryRegister(
        string nick,
        string protocol,
        string address,
        bool canChangeRooms,
        IMemberSink sink,
        out Member? member,
        Action<Member>? beforeAnnounce = null)
    {
        member = null;
        if (!NicknameRules.IsValid(nick, Options.MaxNickLength))
        {
            return RegistrationResult.NickInvalid;
        }

        // The room's dispatch lock, then the gate (the allowed order): no message is handed to the room between the
        // newcomer's arrival and the bound of its history replay, so replay and live messages neither overlap nor gap.
        var room = _defaultRoom;
        long replayThrough;
        bool dispatch;
        lock (room.Dispatcher.Gate)
        {
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

                member = new Member(nick, protocol, address, canChangeRooms, sink) { NickSince = Now };
                _members.Add(nick, member);
                ClusterRegistered(member);
                _peakMembers = Math.Max(_peakMembers, _members.Count);
                beforeAnnounce?.Invoke(member);
                AddToRoom(member, room);
            }

            replayThrough = room.DeliveredThrough;
            dispatch = room.Dispatcher.EnqueueOwnFirstLocked(JoinedEvent(room, member), member);
        }

        if (dispatch)
        {
            room.Dispatcher.Drain();
        }

        LogRegistered(nick, protocol, address);
        StartReplay(member, room, replayThrough);
        NickClaimed(member);
        return RegistrationResult.Registered;
    }

    public Member? Find(string nick)
    {
        lock (_gate)
        {
            return _members.GetValueOrDefault(nick);
        }
    }

    /// <summary>Removes the member everywhere and tells its rooms. Safe to call more than once.</summary>
    public void Leave(Member member, string reason)
    {
        ArgumentNullException.ThrowIfNull(member);
        Room[] rooms;
        lock (_gate)
        {
            if (!_members.TryGetValue(member.Nick, out var current) || current != member)
            {
                return;
            }

            _members.Remove(member.Nick);
            ClusterQuit(member, reason);
            rooms = [.. member.Rooms];
            foreach (var room in rooms)
            {
                RemoveFromRoom(member, room);
            }
        }

        LogLeft(member.Nick, reason);
        Remember(member, member.Nick);
        if (IsShuttingDown)
        {
            // Everyone has been told the server is stopping; departures during shutdown are not news.
            return;
        }

        foreach (var room in rooms)
        {
            // The member is out of the room already; naming it as the exception lets the departure wait for the
            // room's interval with the chat around it, so a storm of departures costs each member one write per turn.
            Broadcast(room, new MemberLeft(room.Name, member.Nick, reason, Now), except: member);
        }
    }

    /// <summary>The nicks in a room, or null when there is no such room.</summary>
    public IReadOnlyList<string>? Who(string roomName)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(roomName, out var room) ? [.. room.Members.Select(m => m.Nick)] : null;
        }
    }

    /// <summary>Every room with its member count, by name.</summary>
    public IReadOnlyList<(string Name, int Members)> ListRooms()
    {
        lock (_gate)
        {
            return [.. _rooms.Values.Select(r => (r.Name, r.Members.Count)).OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];
        }
    }

    /// <summary>The rooms <paramref name="member"/> is in, oldest first.</summary>
    public IReadOnlyList<string> RoomsOf(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (_gate)
        {
            return [.. member.Rooms.Select(r => r.Name)];
        }
    }

    /// <summary>Tells every member the server is stopping and completes every sink; refuses newcomers after.</summary>
    public void Shutdown(string text)
    {
        Member[] everyone;
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            everyone = [.. _members.Values];
        }

        LogShutdown(everyone.Length);
        var notice = new ServerShutdown(text, Now);
        foreach (var member in everyone)
        {
            member.Sink.TryDeliver(notice);
            member.Sink.Complete();
        }
    }

    // A loop, not List.Find with a lambda: this runs for every message and should not allocate.
    private static Room? FindRoom(Member member, string? roomName)
    {
        if (roomName is null)
        {
            return null;
        }

        foreach (var room in member.Rooms)
        {
            if (string.Equals(room.Name, roomName, StringComparison.OrdinalIgnoreCase))
            {
                return room;
            }
        }

        return null;
    }

    private static void Broadcast(Room room, ChatEvent chatEvent, Member? except) => room.Dispatcher.Publish(chatEvent, except);

    private Room NewRoom(string name) => new(name, Options.RoomQueueLength, Backlog, Options.FanOutInterval, _time, LogDeliveryFault, Options.FanOutPhases);

    private void AddToRoom(Member member, Room room)
    {
        if (room.Add(member))
        {
            member.Rooms.Add(room);
            ClusterJoined(member, room);
        }

        member.CurrentRoom = room.Name;
    }

    private void RemoveFromRoom(Member member, Room room, bool tellCluster = true)
    {
        if (room.Remove(member) && tellCluster)
        {
            ClusterLeftRoom(member, room);
        }

        member.Rooms.Remove(room);
        if (string.Equals(member.CurrentRoom, room.Name, StringComparison.OrdinalIgnoreCase))
        {
            member.CurrentRoom = member.Rooms.Count > 0 ? member.Rooms[^1].Name : null;
        }

        // With history on, a room outlives its members: it has history, and it persists across restarts.
        if (room.Members.Count == 0 && _history is null && !string.Equals(room.Name, Options.DefaultRoom, StringComparison.OrdinalIgnoreCase))
        {
            _rooms.Remove(room.Name);
        }
    }
}
