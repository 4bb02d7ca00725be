using System.Globalization;

using Parley.Core.Hub;
using Parley.Core.Text;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

public sealed partial class IrcSession
{
    /// <summary>Capabilities offered to CAP LS (IRCv3), in the order listed.</summary>
    internal static readonly string[] OfferedCaps =
        ["account-notify", "account-tag", "away-notify", "batch", "cap-notify", "echo-message", "extended-join", "labeled-response", "message-tags", "multi-prefix", "server-time", "setname", "userhost-in-names"];

    private const string Version1 = "parley-1";
    private string? _pendingNick;
    private string? _userName;
    private string? _realName;
    private bool _capNegotiating;
    private string _quitReason = "quit";

    /// <summary>CAP replies name the client "*" until it is registered (IRCv3 capability negotiation).</summary>
    private string CapTarget => _member?.Nick ?? "*";

    // CAP LS [302] | CAP LIST | CAP REQ :<caps> | CAP END
    private void Cap(IrcMessage message)
    {
        switch (message[0].ToUpperInvariant())
        {
            case "LS":
                if (_member is null)
                {
                    _capNegotiating = true;
                }

                Line(ServerName, "CAP", [CapTarget, "LS", string.Join(' ', CapsOffered(withValues: message[1] == "302"))], trailing: true);
                break;
            case "LIST":
                Line(ServerName, "CAP", [CapTarget, "LIST", string.Join(' ', _caps.Order(StringComparer.Ordinal))], trailing: true);
                break;
            case "REQ":
                if (_member is null)
                {
                    _capNegotiating = true;
                }

                CapRequest(message[1]);
                break;
            case "END":
                if (_member is null && _capNegotiating)
                {
                    _capNegotiating = false;
                    TryCompleteRegistration();
                }

                break;
            default:
                Numeric("410", message[0], "Invalid CAP command");
                break;
        }
    }

    private void CapRequest(string requested)
    {
        var changes = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var change in changes)
        {
            var name = change.TrimStart('-');
            if (!IsOffered(name))
            {
                Line(ServerName, "CAP", [CapTarget, "NAK", requested], trailing: true);
                return;
            }
        }

        foreach (var change in changes)
        {
            if (change.StartsWith('-'))
            {
                _caps.Remove(change[1..]);
            }
            else
            {
                _caps.Add(change);
            }
        }

        _echoMessage = _caps.Contains("echo-message");
        _awayNotify = _caps.Contains("away-notify");
        _accountNotify = _caps.Contains("account-notify");
        _messageTags = _caps.Contains("message-tags");
        _labeledResponse = _caps.Contains("labeled-response");
        _batch = _caps.Contains("batch");
        _encoder = IrcEventEncoder.For(_caps.Contains("server-time"), _messageTags, _caps.Contains("account-tag"), _caps.Contains("extended-join"));
        Line(ServerName, "CAP", [CapTarget, "ACK", requested], trailing: true);
    }

    // PASS <password>: Parley has no server password; accepted and ignored before registration.
    private void Pass(IrcMessage message)
    {
        if (_member is not null)
        {
            Numeric("462", "You may not reregister");
        }
    }

    // NICK <nickname>
    private void Nick(IrcMessage message)
    {
        var nick = message[0];
        if (nick.Length == 0)
        {
            Numeric("431", "No nickname given");
            return;
        }

        if (!NicknameRules.IsValid(nick, _hub.Options.MaxNickLength))
        {
            Numeric("432", nick, "Erroneous nickname");
            return;
        }

        if (_member is null)
        {
            if (_hub.Find(nick) is not null)
            {
                Numeric("433", nick, "Nickname is already in use");
                return;
            }

            _pendingNick = nick;
            TryCompleteRegistration();
            return;
        }

        Flush();
        switch (_hub.TryRename(_member, nick))
        {
            case RenameResult.NickTaken:
                Numeric("433", nick, "Nickname is already in use");
                break;
            case RenameResult.NickInvalid:
                Numeric("432", nick, "Erroneous nickname");
                break;
        }
    }

    // USER <username> <mode> <unused> :<realname>
    private void User(IrcMessage message)
    {
        if (_member is not null || _userName is not null)
        {
            Numeric("462", "You may not reregister");
            return;
        }

        var user = message[0];
        if (user.Length == 0 || message[3].Length == 0)
        {
            Numeric("461", "USER", "Not enough parameters");
            return;
        }

        _userName = "~" + new string([.. user.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.').Take(UserLength)]);
        _realName = message[3];
        TryCompleteRegistration();
    }

    // PING <token>
    private void Ping(IrcMessage message) => Line(ServerName, "PONG", [ServerName, message[0]], trailing: true);

    // QUIT [:<reason>]
    private void Quit(IrcMessage message)
    {
        var reason = message[0];
        _quitReason = reason.Length == 0 ? "quit" : IrcEventEncoder.QuitPrefix + reason;
        Line(null, "ERROR", ["Closing Link: " + Me + " (" + (reason.Length == 0 ? "Quit" : "Quit: " + reason) + ")"], trailing: true);
        _quitting = true;
    }

    /// <summary>Registers once NICK and USER are in and CAP negotiation (if any) has ended; the welcome burst is
    /// queued under the hub's lock, before any event can reach this client.</summary>
    private void TryCompleteRegistration()
    {
        if (_member is not null || _pendingNick is null || _userName is null || _capNegotiating)
        {
            return;
        }

        var nick = _pendingNick;
        var result = _hub.TryRegisterWithoutRoom(nick, "irc", _connection.Address, _userName, _realName ?? string.Empty, this, out var member, beforeAnnounce: m =>
        {
            _member = m;
            if (_saslAccount is { } account)
            {
                _hub.SetAccount(m, account, announce: false);
            }

            Welcome();
            Flush();
        });
        if (result == RegistrationResult.Registered)
        {
            _member = member;
            _connection.HandshakeCompleted();
            return;
        }

        LogRefused(_connection.Address, Excerpt.Of(nick), result);
        _pendingNick = null;
        if (result == RegistrationResult.ShuttingDown)
        {
            Line(null, "ERROR", ["Server is shutting down"], trailing: true);
            _quitting = true;
            return;
        }

        Numeric(result == RegistrationResult.NickTaken ? "433" : "432", nick, result == RegistrationResult.NickTaken ? "Nickname is already in use" : "Erroneous nickname");
    }

    private void Welcome()
    {
        var me = _member!;
        Numeric("001", $"Welcome to the Parley IRC Network {me.Nick}!{me.UserName}@{IrcNames.HostName}");
        Numeric("002", $"Your host is {ServerName}, running version {Version1}");
        Numeric("003", "This server was created " + Started.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        IrcWriter.Write(_out, null, ServerName, "004", [me.Nick, ServerName, Version1, "i", "biklmnostv", "bklov"]);
        Isupport();
        Lusers();
        Motd();
    }

    private void Isupport()
    {
        var tokens = IsupportTokens();
        for (var i = 0; i < tokens.Count; i += 12)
        {
            var line = new List<string> { Me };
            line.AddRange(tokens.Skip(i).Take(12));
            line.Add("are supported by this server");
            IrcWriter.Write(_out, null, ServerName, "005", [.. line], trailing: true);
        }
    }

    private void Lusers()
    {
        var everyone = _hub.Members();
        var members = everyone.Count;
        var invisible = everyone.Count(m => m.IsInvisible);
        var operators = everyone.Count(m => m.IsServerOperator);
        var peak = Math.Max(_hub.PeakMemberCount, members).ToString(CultureInfo.InvariantCulture);
        var count = members.ToString(CultureInfo.InvariantCulture);
        Numeric("251", $"There are {members - invisible} users and {invisible} invisible on 1 servers");
        Numeric("252", operators.ToString(CultureInfo.InvariantCulture), "operator(s) online");
        Numeric("254", _hub.RoomCount.ToString(CultureInfo.InvariantCulture), "channels formed");
        Numeric("255", $"I have {members} clients and 0 servers");
        Numeric("265", count, peak, $"Current local users {members}, max {peak}");
        Numeric("266", count, peak, $"Current global users {members}, max {peak}");
    }

    private void Motd()
    {
        Numeric("375", $"- {ServerName} Message of the day - ");
        Numeric("372", "- Parley: IRC, JSON and plain-text clients in the same rooms.");
        Numeric("372", "- Say `weather` (or /weather [place]) for a forecast, answered as a NOTICE.");
        Numeric("376", "End of /MOTD command.");
    }

    private void Version()
    {
        Numeric("351", Version1, ServerName, "Parley chat server");
        Isupport();
    }

    // SETNAME :<realname>
    private void Setname(IrcMessage message)
    {
        _member!.RealName = message[0];
        Line(IrcNames.Source(_member.Nick), "SETNAME", [message[0]], trailing: true);
    }
}
