using System.Text;

using Parley.Core.Accounts;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

/// <summary>
/// IRCv3 SASL 3.2 with the PLAIN mechanism (https://ircv3.net/specs/extensions/sasl-3.2), offered only on TLS
/// connections, where the password is not sent in clear. The check runs in the account service (rate-limited, off the
/// hub's lock); this connection's read loop waits for it, nobody else does. An account proved before registration is
/// the member's from its first moment (no "this nickname is registered" warning for its own nick).
/// </summary>
public sealed partial class IrcSession
{
    // One AUTHENTICATE line carries at most 400 bytes of base64; a longer payload comes in several.
    private const int SaslChunk = 400;
    private const int MaxSaslPayload = 2048;
    private StringBuilder? _saslPayload;
    private string? _saslAccount;

    /// <summary>Whether this connection came in over TLS (set by the listener from the connection's TLS feature).</summary>
    public bool IsSecure { get; init; }

    private bool SaslOffered => (IsSecure || _options.IrcSaslWithoutTls) && _hub.Accounts is not null;

    /// <summary>The capabilities this connection is offered: <see cref="OfferedCaps"/>, plus the account ones.</summary>
    private IEnumerable<string> CapsOffered(bool withValues)
    {
        foreach (var cap in OfferedCaps)
        {
            yield return cap;
        }

        if (_hub.Accounts is not null)
        {
            yield return "draft/account-registration";
        }

        if (SaslOffered)
        {
            yield return withValues ? "sasl=PLAIN" : "sasl";
        }

        if (_hub.HistoryEnabled)
        {
            yield return "draft/chathistory";
        }
    }

    private bool IsOffered(string cap) =>
        Array.IndexOf(OfferedCaps, cap) >= 0
        || (cap == "sasl" && SaslOffered)
        || (cap == "draft/account-registration" && _hub.Accounts is not null)
        || (cap == "draft/chathistory" && _hub.HistoryEnabled);

    // AUTHENTICATE <mechanism> | AUTHENTICATE <base64 chunk> | AUTHENTICATE + | AUTHENTICATE *
    private async ValueTask AuthenticateAsync(IrcMessage message, CancellationToken aborted)
    {
        var argument = message[0];
        if (!SaslOffered || !_caps.Contains("sasl"))
        {
            Numeric("904", "SASL authentication failed");
            return;
        }

        if (argument == "*")
        {
            _saslPayload = null;
            Numeric("906", "SASL authentication aborted");
            return;
        }

        if (_saslPayload is null)
        {
            if (_saslAccount is not null || _member?.Account is not null)
            {
                Numeric("907", "You have already authenticated using SASL");
                return;
            }

            if (!argument.Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
            {
                Numeric("908", "PLAIN", "are available SASL mechanisms");
                Numeric("904", "SASL authentication failed");
                return;
            }

            _saslPayload = new StringBuilder();
            Line(null, "AUTHENTICATE", ["+"]);
            return;
        }

        if (argument != "+")
        {
            _saslPayload.Append(argument);
        }

        if (_saslPayload.Length > MaxSaslPayload)
        {
            _saslPayload = null;
            Numeric("905", "SASL message too long");
            return;
        }

        if (argument.Length == SaslChunk)
        {
            return;
        }

        var payload = _saslPayload.ToString();
        _saslPayload = null;
        await SaslPlainAsync(payload, aborted).ConfigureAwait(false);
    }

    private async ValueTask SaslPlainAsync(string payload, CancellationToken aborted)
    {
        if (!TryDecodePlain(payload, out var account, out var password))
        {
            Numeric("904", "SASL authentication failed");
            return;
        }

        Flush();
        var answer = await _hub.Accounts!.LoginAsync(account, password, _connection.Address, aborted).ConfigureAwait(false);
        if (!answer.Succeeded)
        {
            Numeric("904", answer.Outcome == AccountOutcome.RateLimited ? "SASL authentication failed: too many attempts" : "SASL authentication failed");
            return;
        }

        if (_member is { } member)
        {
            _hub.SetAccount(member, answer.Account!, announce: false);
        }
        else
        {
            _saslAccount = answer.Account;
        }

        LoggedInNumeric(answer.Account!);
        Numeric("903", "SASL authentication successful");
    }

    /// <summary>RPL_LOGGEDIN: <c>900 nick nick!user@host account :You are now logged in as account</c>.</summary>
    private void LoggedInNumeric(string account) =>
        Numeric("900", Me + "!" + (_member?.UserName ?? _userName ?? "*") + "@" + IrcNames.HostName, account, "You are now logged in as " + account);

    /// <summary>PLAIN (RFC 4616): base64 of authzid NUL authcid NUL password; an authzid, when given, must be the authcid.</summary>
    internal static bool TryDecodePlain(string payload, out string account, out string password)
    {
        account = string.Empty;
        password = string.Empty;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(payload);
        }
        catch (FormatException)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var parts = text.Split('\0');
        if (parts.Length != 3 || parts[1].Length == 0 || parts[2].Length == 0
            || (parts[0].Length > 0 && !string.Equals(parts[0], parts[1], StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        account = parts[1];
        password = parts[2];
        return true;
    }
}
