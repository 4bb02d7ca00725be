using System.Globalization;
using System.Text;

using Parley.Core.Events;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    /// <summary>Most bans one room keeps.</summary>
    public const int MaxBansPerRoom = 100;

    /// <summary>
    /// Applies channel mode changes by an operator and tells the room what applied (one event, IRC form). Changes
    /// that do nothing (+o for a non-member, -k without a key) are skipped; <paramref name="applied"/> is empty
    /// then and nobody is told.
    /// </summary>
    public ChannelOutcome ChangeModes(Member by, string roomName, IReadOnlyList<ModeChange> changes, out string applied)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(changes);
        applied = string.Empty;
        Room? room;
        lock (_gate)
        {
            if (!_rooms.TryGetValue(roomName, out room))
            {
                return ChannelOutcome.NoSuchRoom;
            }

            if (!room.Operators.Contains(by))
            {
                return room.Members.Contains(by) ? ChannelOutcome.NotOperator : ChannelOutcome.NotInRoom;
            }

            applied = ApplyModesLocked(room, changes, ClusterChange.Local);
            if (applied.Length > 0)
            {
                ClusterModes(by, room, applied);
            }
        }

        if (applied.Length > 0)
        {
            Broadcast(room, new RoomModeChanged(room.Name, by.Nick, applied, Now), except: null);
        }

        return ChannelOutcome.Done;
    }

    /// <summary>Under the hub's lock: applies <paramref name="changes"/> and returns what applied, in IRC form ("+ok-l
    /// bob secret"; empty when nothing did). For a cluster, <paramref name="source"/> says whose change it is (see
    /// <see cref="ClusterChange"/>).</summary>
    private string ApplyModesLocked(Room room, IReadOnlyList<ModeChange> changes, ClusterChange source)
    {
        var letters = new StringBuilder();
        var arguments = new StringBuilder();
        bool? sign = null;
        foreach (var change in changes)
        {
            if (source == ClusterChange.Echo && !room.Pending.Settle(PendingKey(change)))
            {
                // A later change of this node to the same thing is still on its way back: that one decides.
                continue;
            }

            if (Apply(room, change) is not { } argument)
            {
                continue;
            }

            if (source == ClusterChange.Local && _cluster is not null)
            {
                room.Pending.Add(PendingKey(change));
            }

            if (sign != change.Add)
            {
                letters.Append(change.Add ? '+' : '-');
                sign = change.Add;
            }

            letters.Append(change.Mode);
            if (argument.Length > 0)
            {
                arguments.Append(' ').Append(argument);
            }
        }

        return letters.ToString() + arguments.ToString();
    }

    /// <summary>What a mode change sets: a flag, the key or the limit by its letter; a ban, operator or voice by its
    /// letter and argument.</summary>
    private static string PendingKey(ModeChange change) => change.Mode switch
    {
        'b' or 'o' or 'v' => change.Mode + ":" + change.Argument?.ToUpperInvariant(),
        _ => change.Mode.ToString(),
    };

    /// <summary>Parses what <see cref="ApplyModesLocked"/> returned back into changes: o, v, b and k carry an argument
    /// (-k's is "*"), l one when set.</summary>
    internal static List<ModeChange> ParseApplied(string applied)
    {
        var parts = applied.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var changes = new List<ModeChange>();
        if (parts.Length == 0)
        {
            return changes;
        }

        var next = 1;
        var add = true;
        foreach (var letter in parts[0])
        {
            switch (letter)
            {
                case '+' or '-':
                    add = letter == '+';
                    continue;
                case 'o' or 'v' or 'b' or 'k':
                case 'l' when add:
                    if (next < parts.Length)
                    {
                        changes.Add(new ModeChange(add, letter, parts[next++]));
                    }

                    continue;
                default:
                    changes.Add(new ModeChange(add, letter, null));
                    continue;
            }
        }

        return changes;
    }

    /// <summary>Applies one change under the hub's lock: the argument to show ("" for none), or null when nothing changed.</summary>
    private string? Apply(Room room, ModeChange change)
    {
        switch (change.Mode)
        {
            case 'o' or 'v':
                var target = change.Argument is null ? null : _members.GetValueOrDefault(change.Argument);
                if (target is null || !room.Members.Contains(target))
                {
                    return null;
                }

                var set = change.Mode == 'o' ? room.Operators : room.Voiced;
                return (change.Add ? set.Add(target) : set.Remove(target)) ? target.Nick : null;
            case 'k':
                if (change.Add)
                {
                    if (string.IsNullOrEmpty(change.Argument) || string.Equals(room.Key, change.Argument, StringComparison.Ordinal))
                    {
                        return null;
                    }

                    room.Key = change.Argument;
                    return change.Argument;
                }

                if (room.Key is null)
                {
                    return null;
                }

                room.Key = null;
                return "*";
            case 'l':
                if (change.Add)
                {
                    if (!int.TryParse(change.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit <= 0 || limit == room.Limit)
                    {
                        return null;
                    }

                    room.Limit = limit;
                    return limit.ToString(CultureInfo.InvariantCulture);
                }

                if (room.Limit == 0)
                {
                    return null;
                }

                room.Limit = 0;
                return string.Empty;
            case 'b':
                if (string.IsNullOrEmpty(change.Argument))
                {
                    return null;
                }

                var index = room.Bans.FindIndex(b => string.Equals(b, change.Argument, StringComparison.OrdinalIgnoreCase));
                if (change.Add == index >= 0 || (change.Add && room.Bans.Count >= MaxBansPerRoom))
                {
                    return null;
                }

                if (change.Add)
                {
                    room.Bans.Add(change.Argument);
                }
                else
                {
                    room.Bans.RemoveAt(index);
                }

                return change.Argument;
            default:
                var flag = FlagOf(change.Mode);
                if (flag == RoomModes.None || ((room.Modes & flag) != 0) == change.Add)
                {
                    return null;
                }

                room.Modes = change.Add ? room.Modes | flag : room.Modes & ~flag;
                return string.Empty;
        }
    }

    /// <summary>The letters of the flags set in <paramref name="modes"/>, in alphabetical order ("imnst" at most).</summary>
    public static string FlagLetters(RoomModes modes)
    {
        var letters = string.Empty;
        foreach (var letter in "imnst")
        {
            if ((modes & FlagOf(letter)) != 0)
            {
                letters += letter;
            }
        }

        return letters;
    }

    public static RoomModes FlagOf(char mode) => mode switch
    {
        'n' => RoomModes.NoExternal,
        't' => RoomModes.TopicLocked,
        'm' => RoomModes.Moderated,
        'i' => RoomModes.InviteOnly,
        's' => RoomModes.Secret,
        _ => RoomModes.None,
    };
}
