using System.Globalization;

using Parley.Core.Hub;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

public sealed partial class IrcSession
{
    // MODE <nick> [(+|-)i] | MODE <channel> [<modes> [<arguments>...]]
    private void Mode(IrcMessage message)
    {
        var target = message[0];
        if (!target.StartsWith('#'))
        {
            UserMode(message, target);
            return;
        }

        var room = _hub.GetRoom(target);
        if (room is null)
        {
            Numeric("403", target, "No such channel");
            return;
        }

        if (message.Parameters.Count < 2)
        {
            var parts = ModeString(room, room.Contains(_member!)).Split(' ');
            Numeric("324", [room.Name, .. parts]);
            Numeric("329", room.Name, room.CreatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            return;
        }

        var changes = new List<ModeChange>();
        var argument = 2;
        var add = true;
        var listBans = false;
        foreach (var letter in message[1])
        {
            switch (letter)
            {
                case '+' or '-':
                    add = letter == '+';
                    continue;
                case 'o' or 'v' or 'k' or 'b':
                    if (argument >= message.Parameters.Count)
                    {
                        if (letter == 'b')
                        {
                            listBans = true;
                        }
                        else if (letter == 'k' && !add)
                        {
                            changes.Add(new ModeChange(add, letter, null));
                        }

                        continue;
                    }

                    var value = message[argument++];
                    if (letter == 'k' && add && (value.Length == 0 || value.Any(c => c is ' ' or ',' || char.IsControl(c))))
                    {
                        // The key itself is not echoed: it may hold the very spaces that make it invalid.
                        Numeric("696", room.Name, "k", "*", "Invalid key: no spaces, commas or control characters");
                        continue;
                    }

                    changes.Add(new ModeChange(add, letter, value));
                    continue;
                case 'l':
                    changes.Add(new ModeChange(add, letter, add && argument < message.Parameters.Count ? message[argument++] : null));
                    continue;
                case 'i' or 'm' or 'n' or 's' or 't':
                    changes.Add(new ModeChange(add, letter, null));
                    continue;
                default:
                    Numeric("472", letter.ToString(), "is unknown mode char to me");
                    continue;
            }
        }

        if (listBans)
        {
            foreach (var ban in room.Bans)
            {
                Numeric("367", room.Name, ban);
            }

            Numeric("368", room.Name, "End of channel ban list");
        }

        if (changes.Count == 0)
        {
            return;
        }

        // Only an operator learns about its targets; anyone else gets the one refusal the hub gives (442 or 482).
        var isOperator = room.Find(_member!.Nick) is { IsOperator: true };
        foreach (var change in changes)
        {
            if (isOperator && change.Mode is 'o' or 'v' && change.Argument is { } nick && room.Find(nick) is null)
            {
                if (_hub.Find(nick) is null)
                {
                    Numeric("401", nick, "No such nick/channel");
                }
                else
                {
                    Numeric("441", nick, room.Name, "They aren't on that channel");
                }
            }
        }

        Flush();
        Refuse(_hub.ChangeModes(_member!, room.Name, changes, out _), room.Name, null);
    }

    // OPER <name> <password>
    private void Oper(IrcMessage message)
    {
        var login = message[0] + ":" + message[1];
        if (!_options.IrcOperators.Contains(login, StringComparer.Ordinal))
        {
            Numeric("464", "Password incorrect");
            return;
        }

        _member!.IsServerOperator = true;
        Numeric("381", "You are now an IRC operator");
        Line(IrcNames.Source(_member.Nick), "MODE", [_member.Nick, "+o"]);
    }

    private void UserMode(IrcMessage message, string nick)
    {
        if (_hub.Find(nick) is null)
        {
            Numeric("401", nick, "No such nick/channel");
            return;
        }

        if (!NicknameRules.Comparer.Equals(nick, _member!.Nick))
        {
            Numeric("502", message.Parameters.Count < 2 ? "Can't view modes for other users" : "Can't change mode for other users");
            return;
        }

        if (message.Parameters.Count < 2)
        {
            Numeric("221", "+" + (_member.IsInvisible ? "i" : string.Empty) + (_member.IsServerOperator ? "o" : string.Empty));
            return;
        }

        var add = true;
        var applied = string.Empty;
        foreach (var letter in message[1])
        {
            if (letter is '+' or '-')
            {
                add = letter == '+';
            }
            else if (letter == 'i')
            {
                if (_member.IsInvisible != add)
                {
                    _member.IsInvisible = add;
                    applied = add ? "+i" : "-i";
                }
            }
            else
            {
                Numeric("501", "Unknown MODE flag");
            }
        }

        if (applied.Length > 0)
        {
            Line(IrcNames.Source(_member.Nick), "MODE", [_member.Nick, applied]);
        }
    }
}
