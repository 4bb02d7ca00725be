using System.Globalization;

using Parley.Core.History;
using Parley.Core.Hub;

namespace Parley.Server.Sessions;

public sealed partial class IrcSession
{
    /// <summary>USERLEN: the user name kept from USER (after the '~' Parley adds: identd is not asked).</summary>
    internal const int UserLength = 10;

    /// <summary>TOPICLEN, KICKLEN and AWAYLEN: longer texts are cut to this many characters.</summary>
    internal const int TextLength = 390;

    internal const int MaxTargets = 4;

    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;

    /// <summary>The RPL_ISUPPORT tokens: each one states a rule this server keeps (docs/protocol.md, "IRC").</summary>
    private List<string> IsupportTokens()
    {
        var options = _hub.Options;
        List<string> tokens =
        [
            "AWAYLEN=" + TextLength.ToString(CultureInfo.InvariantCulture),
            "CASEMAPPING=ascii",
            "CHANLIMIT=#:" + options.MaxRoomsPerMember.ToString(CultureInfo.InvariantCulture),
            "CHANMODES=b,k,l,imnst",
            "CHANNELLEN=" + options.MaxRoomNameLength.ToString(CultureInfo.InvariantCulture),
            "CHANTYPES=#",
            "ELIST=",
            "HOSTLEN=64",
            "KICKLEN=" + TextLength.ToString(CultureInfo.InvariantCulture),
            "LINELEN=512",
            "MAXLIST=b:" + ChatHub.MaxBansPerRoom.ToString(CultureInfo.InvariantCulture),
            "MODES=4",
            "NETWORK=Parley",
            "NICKLEN=" + options.MaxNickLength.ToString(CultureInfo.InvariantCulture),
            "PREFIX=(ov)@+",
            "STATUSMSG=",
            "TARGMAX=JOIN:,KICK:1,NAMES:1,NOTICE:4,PART:,PRIVMSG:4,WHOIS:1",
            "TOPICLEN=" + TextLength.ToString(CultureInfo.InvariantCulture),
            "USERLEN=" + (UserLength + 1).ToString(CultureInfo.InvariantCulture),
        ];
        if (_hub.HistoryEnabled)
        {
            // The most messages one CHATHISTORY answer holds: the history store's page cap.
            tokens.Insert(tokens.IndexOf("CHANTYPES=#") + 1, "CHATHISTORY=" + HistoryRange.MaxLimit.ToString(CultureInfo.InvariantCulture));
            tokens.Insert(tokens.IndexOf("NETWORK=Parley"), "MSGREFTYPES=msgid,timestamp");
        }

        return tokens;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>The member's prefix in NAMES and WHO: "@" or "+" (with multi-prefix, "@+" when both).</summary>
    private string Prefix(RoomMemberView view)
    {
        if (_caps.Contains("multi-prefix"))
        {
            return (view.IsOperator ? "@" : string.Empty) + (view.IsVoiced ? "+" : string.Empty);
        }

        return view.IsOperator ? "@" : view.IsVoiced ? "+" : string.Empty;
    }

    private static string ModeString(RoomView room, bool withKey)
    {
        var letters = "+";
        var arguments = string.Empty;
        if (room.Key is not null)
        {
            letters += "k";
            arguments += " " + (withKey ? room.Key : "*");
        }

        if (room.Limit > 0)
        {
            letters += "l";
            arguments += " " + room.Limit.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (flag, letter) in new[] { (RoomModes.InviteOnly, 'i'), (RoomModes.Moderated, 'm'), (RoomModes.NoExternal, 'n'), (RoomModes.Secret, 's'), (RoomModes.TopicLocked, 't') })
        {
            if ((room.Modes & flag) != 0)
            {
                letters += letter;
            }
        }

        return letters + arguments;
    }
}
