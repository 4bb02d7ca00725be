using System.Globalization;

using Parley.Core.Hub;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

public sealed partial class IrcSession
{
    // WHO <channel>|<nick>|<mask>
    private void WhoQuery(IrcMessage message)
    {
        var mask = message[0].Length == 0 ? "*" : message[0];
        if (mask.StartsWith('#'))
        {
            if (_hub.GetRoom(mask) is { } room && (room.Contains(_member!) || (room.Modes & RoomModes.Secret) == 0))
            {
                foreach (var view in room.Members)
                {
                    WhoReply(room.Name, view.Member, Prefix(view));
                }
            }
        }
        else if (_hub.Find(mask) is { } member)
        {
            WhoReply("*", member, string.Empty);
        }
        else if (mask.Contains('*', StringComparison.Ordinal) || mask.Contains('?', StringComparison.Ordinal))
        {
            var shared = new HashSet<Member>(_hub.GetRoomsOf(_member!).SelectMany(r => r.Members.Select(v => v.Member)));
            foreach (var other in _hub.Members())
            {
                if (Wildcard.Matches(mask, other.Nick) && (!other.IsInvisible || other == _member || shared.Contains(other)))
                {
                    WhoReply("*", other, string.Empty);
                }
            }
        }

        Numeric("315", mask, "End of WHO list");
    }

    private void WhoReply(string channel, Member member, string prefix) =>
        Numeric("352", channel, member.UserName, IrcNames.HostName, ServerName, member.Nick,
            (member.AwayMessage is null ? "H" : "G") + (member.IsServerOperator ? "*" : string.Empty) + prefix, "0 " + RealNameOf(member));

    // WHOIS [<server>] <nick>
    private void Whois(IrcMessage message)
    {
        var nick = message.Parameters.Count > 1 ? message[1] : message[0];
        nick = nick.Split(',')[0];
        var member = _hub.Find(nick);
        if (member is null)
        {
            Numeric("401", nick, "No such nick/channel");
            Numeric("318", nick, "End of /WHOIS list");
            return;
        }

        Numeric("311", member.Nick, member.UserName, IrcNames.HostName, "*", RealNameOf(member));
        var channels = new List<string>();
        foreach (var room in _hub.GetRoomsOf(member))
        {
            if ((room.Modes & RoomModes.Secret) == 0 || room.Contains(_member!))
            {
                var view = room.Find(member.Nick);
                channels.Add((view is { } v ? Prefix(v) : string.Empty) + room.Name);
            }
        }

        if (channels.Count > 0)
        {
            Numeric("319", member.Nick, string.Join(' ', channels));
        }

        Numeric("312", member.Nick, ServerName, "Parley (" + member.Protocol + ")");
        if (member.IsServerOperator)
        {
            Numeric("313", member.Nick, "is an IRC operator");
        }

        if (member.AwayMessage is { } away)
        {
            Numeric("301", member.Nick, away);
        }

        if (member.Account is { } account)
        {
            Numeric("330", member.Nick, account, "is logged in as");
        }

        if (member.SignedOnAt != default)
        {
            Numeric("317", member.Nick, "0", member.SignedOnAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), "seconds idle, signon time");
        }

        Numeric("318", member.Nick, "End of /WHOIS list");
    }

    // WHOWAS <nick> [<count>]
    private void Whowas(IrcMessage message)
    {
        var nick = message[0];
        _ = int.TryParse(message[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count);
        var entries = _hub.Whowas(nick, count);
        if (entries.Count == 0)
        {
            Numeric("406", nick, "There was no such nickname");
        }

        foreach (var entry in entries)
        {
            Numeric("314", entry.Nick, entry.UserName, IrcNames.HostName, "*", entry.RealName.Length > 0 ? entry.RealName : "Parley " + entry.Protocol + " user");
            Numeric("312", entry.Nick, ServerName, entry.Time.ToUniversalTime().ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture));
        }

        Numeric("369", nick, "End of WHOWAS");
    }

    // ISON <nick>{ <nick>}
    private void Ison(IrcMessage message)
    {
        var present = new List<string>();
        foreach (var nick in message.Parameters.SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (_hub.Find(nick) is { } member)
            {
                present.Add(member.Nick);
            }
        }

        Numeric("303", string.Join(' ', present));
    }

    // USERHOST <nick>{ <nick>} (at most 5)
    private void Userhost(IrcMessage message)
    {
        var replies = new List<string>();
        foreach (var nick in message.Parameters.Take(5))
        {
            if (_hub.Find(nick) is { } member)
            {
                replies.Add(member.Nick + "=" + (member.AwayMessage is null ? "+" : "-") + member.UserName + "@" + IrcNames.HostName);
            }
        }

        Numeric("302", string.Join(' ', replies));
    }

    // AWAY [:<message>]
    private void Away(IrcMessage message)
    {
        var text = message[0];
        Flush();
        if (text.Length == 0)
        {
            _hub.SetAway(_member!, null);
            Numeric("305", "You are no longer marked as being away");
        }
        else
        {
            _hub.SetAway(_member!, Cut(text, TextLength));
            Numeric("306", "You have been marked as being away");
        }
    }

    private static string RealNameOf(Member member) =>
        member.RealName.Length > 0 ? member.RealName : "Parley " + member.Protocol + " user";
}
