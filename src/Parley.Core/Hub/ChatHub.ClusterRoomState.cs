using System.Globalization;
using System.Text;

using Parley.Core.Cluster;

namespace Parley.Core.Hub;

/// <summary>
/// Room state for a node that starts later (or listens again): it asks for rosters, and every node answers with its
/// roster and a <see cref="ClusterEventKind.RoomState"/>: each room's flags, key, limit, bans, invitations and topic, and which of
/// the answering node's own members are operators or voiced there. The asking node takes the flags, key, limit, bans,
/// invitations and topic from the first answer per room and the privileges of each node's members from that node's answer;
/// <see cref="ClusterLink"/> then applies again the changes it heard since it asked, so none is lost between.
/// Text, one line each: "r #room", "m 3" (<see cref="RoomModes"/>), "k key", "l 10", "b mask", "i nick", "o nick",
/// "v nick", "t setter unix-ms text" (a node of an earlier build skips "i" lines).
/// </summary>
public sealed partial class ChatHub
{
    /// <summary>Under the hub's lock: every room whose state is not a fresh room's, with this node's members' privileges.</summary>
    private string RoomStateLocked()
    {
        var text = new StringBuilder();
        foreach (var room in _rooms.Values)
        {
            var privileged = room.Members.Any(m => !m.IsRemote && (room.Operators.Contains(m) || room.Voiced.Contains(m)));
            if (room.Modes == RoomModes.NoExternal && room.Key is null && room.Limit == 0 && room.Bans.Count == 0
                && room.Invited.Count == 0 && room.Topic.Length == 0 && !privileged)
            {
                continue;
            }

            text.Append("r ").Append(room.Name).Append('\n');
            text.Append("m ").Append(((int)room.Modes).ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (room.Key is { } key)
            {
                text.Append("k ").Append(key).Append('\n');
            }

            if (room.Limit > 0)
            {
                text.Append("l ").Append(room.Limit.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            foreach (var ban in room.Bans)
            {
                text.Append("b ").Append(ban).Append('\n');
            }

            foreach (var invited in room.Invited)
            {
                text.Append("i ").Append(invited).Append('\n');
            }

            foreach (var member in room.Members)
            {
                if (!member.IsRemote && room.Operators.Contains(member))
                {
                    text.Append("o ").Append(member.Nick).Append('\n');
                }

                if (!member.IsRemote && room.Voiced.Contains(member))
                {
                    text.Append("v ").Append(member.Nick).Append('\n');
                }
            }

            if (room.Topic.Length > 0)
            {
                text.Append("t ").Append(room.TopicBy.Length > 0 ? room.TopicBy : "*").Append(' ')
                    .Append(room.TopicAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).Append(' ')
                    .Append(room.Topic.ReplaceLineEndings(" ")).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Applies one room of <paramref name="node"/>'s <see cref="ClusterEventKind.RoomState"/>: its flags, key,
    /// limit, bans, invitations and topic when <paramref name="first"/> (the first answer for the room), and always which of that
    /// node's members are operators and voiced. Nobody is told: this is what the room already was.</summary>
    internal void ApplyClusterRoomState(string node, string roomName, IReadOnlyList<string> lines, bool first)
    {
        if (!RoomNameRules.IsValid(roomName, Math.Max(Options.MaxRoomNameLength, roomName.Length)))
        {
            return;
        }

        var ops = new HashSet<string>(NicknameRules.Comparer);
        var voiced = new HashSet<string>(NicknameRules.Comparer);
        Room? created = null;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomName, out var room))
            {
                room = created = NewRoom(roomName);
                room.DeliveredThrough = _lastMessageId;
                _rooms.Add(roomName, room);
            }

            if (first)
            {
                room.Key = null;
                room.Limit = 0;
                room.Bans.Clear();
                room.Invited.Clear();
            }

            foreach (var line in lines)
            {
                if (line.Length < 2)
                {
                    continue;
                }

                var value = line[2..];
                switch (line[0])
                {
                    case 'm' when first && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var modes):
                        room.Modes = (RoomModes)modes;
                        break;
                    case 'k' when first:
                        room.Key = value;
                        break;
                    case 'l' when first && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit):
                        room.Limit = limit;
                        break;
                    case 'b' when first && room.Bans.Count < MaxBansPerRoom:
                        room.Bans.Add(value);
                        break;
                    case 'i' when first && NicknameRules.IsValid(value, Math.Max(Options.MaxNickLength, value.Length)):
                        room.Invited.Add(value);
                        break;
                    case 't' when first:
                        ApplyStateTopic(room, value);
                        break;
                    case 'o':
                        ops.Add(value);
                        break;
                    case 'v':
                        voiced.Add(value);
                        break;
                }
            }

            foreach (var member in room.Members)
            {
                if (member.Node != node)
                {
                    continue;
                }

                SetPrivilege(room.Operators, member, ops.Contains(member.Nick));
                SetPrivilege(room.Voiced, member, voiced.Contains(member.Nick));
            }
        }

        if (created is not null)
        {
            RememberRoom(created);
        }
    }

    private static void ApplyStateTopic(Room room, string value)
    {
        var parts = value.Split(' ', 3);
        if (parts.Length < 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var at))
        {
            return;
        }

        room.Topic = parts[2];
        room.TopicBy = parts[0] == "*" ? string.Empty : parts[0];
        room.TopicAt = DateTimeOffset.FromUnixTimeMilliseconds(at);
    }

    private static void SetPrivilege(HashSet<Member> set, Member member, bool has)
    {
        if (has)
        {
            set.Add(member);
        }
        else
        {
            set.Remove(member);
        }
    }
}
