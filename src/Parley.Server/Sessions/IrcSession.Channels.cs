using System.Globalization;

using Parley.Core.Hub;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

public sealed partial class IrcSession
{
    // JOIN <channel>{,<channel>} [<key>{,<key>}] | JOIN 0
    private void Join(IrcMessage message)
    {
        var me = _member!;
        if (message[0] == "0")
        {
            foreach (var room in _hub.RoomsOf(me))
            {
                Flush();
                _hub.PartRoom(me, room, "part");
            }

            return;
        }

        var channels = message[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var keys = message[1].Split(',');
        for (var i = 0; i < channels.Length; i++)
        {
            var channel = channels[i];
            Flush();
            var outcome = _hub.JoinRoom(me, channel, i < keys.Length && keys[i].Length > 0 ? keys[i] : null);
            switch (outcome)
            {
                case JoinOutcome.Joined:
                    if (_hub.GetRoom(channel) is { } room)
                    {
                        if (room.Topic.Length > 0)
                        {
                            TopicReply(room);
                        }

                        NamesReply(room);
                    }

                    break;
                case JoinOutcome.AlreadyIn:
                    break;
                case JoinOutcome.TooManyRooms:
                    Numeric("405", channel, "You have joined too many channels");
                    break;
                case JoinOutcome.InviteOnly:
                    Numeric("473", channel, "Cannot join channel (+i)");
                    break;
                case JoinOutcome.BadKey:
                    Numeric("475", channel, "Cannot join channel (+k)");
                    break;
                case JoinOutcome.Full:
                    Numeric("471", channel, "Cannot join channel (+l)");
                    break;
                case JoinOutcome.Banned:
                    Numeric("474", channel, "Cannot join channel (+b)");
                    break;
                default:
                    Numeric("403", channel, "No such channel");
                    break;
            }
        }
    }

    // PART <channel>{,<channel>} [:<reason>]
    private void Part(IrcMessage message)
    {
        var reason = message[1].Length == 0 ? "part" : IrcEventEncoder.PartPrefix + Cut(message[1], TextLength);
        foreach (var channel in message[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Flush();
            if (!_hub.PartRoom(_member!, channel, reason))
            {
                NotOn(channel);
            }
        }
    }

    // TOPIC <channel> [:<topic>]
    private void Topic(IrcMessage message)
    {
        var channel = message[0];
        var room = _hub.GetRoom(channel);
        if (message.Parameters.Count < 2)
        {
            if (room is null)
            {
                Numeric("403", channel, "No such channel");
            }
            else if (!room.Contains(_member!) && (room.Modes & RoomModes.Secret) != 0)
            {
                Numeric("442", channel, "You're not on that channel");
            }
            else if (room.Topic.Length == 0)
            {
                Numeric("331", room.Name, "No topic is set");
            }
            else
            {
                TopicReply(room);
            }

            return;
        }

        Flush();
        Refuse(_hub.SetTopic(_member!, channel, Cut(message[1], TextLength)), channel, null);
    }

    // NAMES [<channel>{,<channel>}]
    private void Names(IrcMessage message)
    {
        if (message[0].Length == 0)
        {
            Numeric("366", "*", "End of /NAMES list");
            return;
        }

        foreach (var channel in message[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (_hub.GetRoom(channel) is { } room && (room.Contains(_member!) || (room.Modes & RoomModes.Secret) == 0))
            {
                NamesReply(room);
            }
            else
            {
                Numeric("366", channel, "End of /NAMES list");
            }
        }
    }

    // LIST [<channel>{,<channel>}]
    private void List(IrcMessage message)
    {
        Numeric("321", "Channel", "Users  Name");
        var wanted = message[0].Length == 0 ? null : new HashSet<string>(message[0].Split(','), StringComparer.OrdinalIgnoreCase);
        foreach (var room in _hub.GetRooms())
        {
            if ((wanted is null || wanted.Contains(room.Name)) && room.Members.Count > 0
                && ((room.Modes & RoomModes.Secret) == 0 || room.Contains(_member!)))
            {
                Numeric("322", room.Name, room.Members.Count.ToString(CultureInfo.InvariantCulture), room.Topic);
            }
        }

        Numeric("323", "End of /LIST");
    }

    // KICK <channel> <nick>{,<nick>} [:<reason>]
    private void Kick(IrcMessage message)
    {
        var channel = message[0];
        var reason = message.Parameters.Count > 2 && message[2].Length > 0 ? Cut(message[2], TextLength) : _member!.Nick;
        foreach (var nick in message[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Flush();
            Refuse(_hub.Kick(_member!, channel, nick, reason), channel, nick);
        }
    }

    // INVITE <nick> <channel> | INVITE (lists nothing: invitations are not kept per user)
    private void Invite(IrcMessage message)
    {
        if (message.Parameters.Count == 0)
        {
            Numeric("337", "End of /INVITE list");
            return;
        }

        if (message.Parameters.Count < 2)
        {
            Numeric("461", "INVITE", "Not enough parameters");
            return;
        }

        var (nick, channel) = (message[0], message[1]);
        if (_hub.GetRoom(channel) is null)
        {
            Numeric("403", channel, "No such channel");
            return;
        }

        Flush();
        var outcome = _hub.Invite(_member!, channel, nick);
        if (outcome == ChannelOutcome.Done)
        {
            Numeric("341", nick, channel);
            return;
        }

        Refuse(outcome, channel, nick);
    }

    /// <summary>The numeric for a refused channel operation.</summary>
    private void Refuse(ChannelOutcome outcome, string channel, string? nick)
    {
        switch (outcome)
        {
            case ChannelOutcome.NoSuchRoom:
                Numeric("403", channel, "No such channel");
                break;
            case ChannelOutcome.NotInRoom:
                NotOn(channel);
                break;
            case ChannelOutcome.NotOperator:
                Numeric("482", channel, "You're not channel operator");
                break;
            case ChannelOutcome.NoSuchNick:
                Numeric("401", nick ?? "*", "No such nick/channel");
                break;
            case ChannelOutcome.TargetNotInRoom:
                Numeric("441", nick ?? "*", channel, "They aren't on that channel");
                break;
            case ChannelOutcome.TargetAlreadyInRoom:
                Numeric("443", nick ?? "*", channel, "is already on channel");
                break;
        }
    }

    private void NotOn(string channel)
    {
        if (_hub.GetRoom(channel) is null)
        {
            Numeric("403", channel, "No such channel");
        }
        else
        {
            Numeric("442", channel, "You're not on that channel");
        }
    }

    private void TopicReply(RoomView room)
    {
        Numeric("332", room.Name, room.Topic);
        if (room.TopicBy.Length > 0)
        {
            // A topic read from the store at start-up has no setter or time (only its text is kept).
            Numeric("333", room.Name, room.TopicBy, room.TopicAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>RPL_NAMREPLY lines (each under 512 bytes), then RPL_ENDOFNAMES.</summary>
    private void NamesReply(RoomView room)
    {
        var symbol = (room.Modes & RoomModes.Secret) != 0 ? "@" : "=";
        var withHost = _caps.Contains("userhost-in-names");
        var names = new List<string>();
        var length = 0;
        foreach (var view in room.Members)
        {
            var name = Prefix(view) + (withHost ? view.Member.Nick + "!" + view.Member.UserName + "@" + IrcNames.HostName : view.Member.Nick);
            if (length + name.Length + 1 > 400 && names.Count > 0)
            {
                Numeric("353", symbol, room.Name, string.Join(' ', names));
                names.Clear();
                length = 0;
            }

            names.Add(name);
            length += name.Length + 1;
        }

        if (names.Count > 0)
        {
            Numeric("353", symbol, room.Name, string.Join(' ', names));
        }

        Numeric("366", room.Name, "End of /NAMES list");
    }
}
