using Parley.Core.Cluster;
using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>
/// Room state across the cluster: topics, modes (flags, key, limit, bans, operators, voice), invitations and kicks.
/// Topic and mode changes are applied where they are made and published; every node, the maker's too, applies them
/// again in the one order the backplane delivers them (<see cref="Cluster.ClusterEventKinds.ReachesOwnNode"/>), so
/// two nodes changing one room at once end in the same state. Runs on the backplane's receive loop.
/// </summary>
public sealed partial class ChatHub
{
    /// <summary>The <see cref="PendingChanges"/> key of a room's topic.</summary>
    private const string TopicKey = "topic";

    /// <summary>What a Joined event says of its room, for a node that makes the room on hearing it: "@" when the member
    /// is an operator of it, then its flags ("@+nt").</summary>
    private static string JoinedState(Room room, Member member) =>
        (room.Operators.Contains(member) ? "@+" : "+") + FlagLetters(room.Modes);

    /// <summary>Makes the room a remote member joined, as its node has it, when it is new here.</summary>
    private void MakeRoomAsJoined(Member member, string roomName, string state)
    {
        if (!RoomNameRules.IsValid(roomName, Math.Max(Options.MaxRoomNameLength, roomName.Length)))
        {
            return;
        }

        Room room;
        lock (_gate)
        {
            if (_rooms.ContainsKey(roomName))
            {
                return;
            }

            room = NewRoom(roomName);
            room.CreatedAt = Now;
            room.DeliveredThrough = _lastMessageId;
            room.Modes = RoomModes.None;
            foreach (var letter in state)
            {
                room.Modes |= FlagOf(letter);
            }

            if (state.StartsWith('@'))
            {
                room.Operators.Add(member);
            }

            _rooms.Add(roomName, room);
        }

        RememberRoom(room);
    }

    /// <summary>Applies a topic change in the cluster's order; <paramref name="announce"/> false when it is applied again
    /// over a <see cref="ClusterEventKind.RoomState"/> (the room was told when it was first applied).</summary>
    internal void ApplyClusterTopic(string roomName, string nick, string topic, DateTimeOffset time, bool own, bool announce = true)
    {
        Room? room;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomName, out room) || (own && !room.Pending.Settle(TopicKey)))
            {
                return;
            }

            if (own && room.Topic == topic && room.TopicBy == nick)
            {
                // Applied here already, and nothing came in between.
                return;
            }

            room.Topic = topic;
            room.TopicBy = nick;
            room.TopicAt = time;
        }

        if (announce)
        {
            Broadcast(room, new TopicChanged(room.Name, nick, topic, Now), except: null);
        }
    }

    /// <summary><paramref name="applied"/> is what applied on the node that made the change, in IRC form; the room here
    /// is told what changed here.</summary>
    internal void ApplyClusterModes(string roomName, string by, string applied, bool own, bool announce = true)
    {
        var changes = ParseApplied(applied);
        Room? room;
        string changed;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomName, out room))
            {
                return;
            }

            changed = ApplyModesLocked(room, changes, own ? ClusterChange.Echo : ClusterChange.Remote);
        }

        if (changed.Length > 0 && announce)
        {
            Broadcast(room, new RoomModeChanged(room.Name, by, changed, Now), except: null);
        }
    }

    /// <summary>A member of another node invited <paramref name="invitee"/>: every node records the invitation for that
    /// nickname, as the inviter's node did, so the invitee may join through any node (a join anywhere uses it up:
    /// <see cref="Join"/> and <see cref="JoinRoom"/> remove it, for stand-ins too); if the invitee is here, it is told.</summary>
    internal void ApplyClusterInvited(string roomName, string by, string invitee, string? account)
    {
        Member? target;
        lock (_gate)
        {
            target = _members.GetValueOrDefault(invitee);
            if (_rooms.TryGetValue(roomName, out var room) && (target is null || !room.Members.Contains(target)))
            {
                room.Invited.Add(invitee);
                roomName = room.Name;
            }
        }

        if (target is { IsRemote: false })
        {
            target.Sink.TryDeliver(new MemberInvited(roomName, by, target.Nick, Now) { Account = account });
        }
    }

    /// <summary>Every node removes the kicked member and tells the room; the member's own node tells it too.</summary>
    internal void ApplyClusterKicked(string roomName, string by, string nick, string reason)
    {
        Room? room;
        Member? target;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomName, out room))
            {
                return;
            }

            target = _members.GetValueOrDefault(nick);
            if (target is null || !room.Members.Contains(target))
            {
                return;
            }
        }

        Broadcast(room, new MemberKicked(room.Name, by, target.Nick, reason, Now), except: null);
        lock (_gate)
        {
            RemoveFromRoom(target, room, tellCluster: false);
        }

        LogParted(target.Nick, room.Name);
    }

    /// <summary>After the backplane resumed: changes published while it was away may never come back.</summary>
    internal void ForgetPendingChanges()
    {
        lock (_gate)
        {
            foreach (var room in _rooms.Values)
            {
                room.Pending.Clear();
            }
        }
    }
}
