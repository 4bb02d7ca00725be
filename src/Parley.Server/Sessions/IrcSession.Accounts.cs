using Parley.Core.Accounts;
using Parley.Core.Hub;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

/// <summary>
/// Account commands for IRC clients: REGISTER of the IRCv3 draft/account-registration spec
/// (https://ircv3.net/specs/extensions/account-registration), and the NickServ conversation most clients script
/// (<c>PRIVMSG NickServ :IDENTIFY password</c>). Both go to the same hub calls as /register and /login; the account is
/// always the current nickname (no custom-account-name, no before-connect).
/// </summary>
public sealed partial class IrcSession
{
    private const string NickServ = "NickServ";
    private static readonly string NickServSource = NickServ + "!" + NickServ + "@services." + IrcNames.HostName;

    private static bool IsNickServ(string target) => string.Equals(target, NickServ, StringComparison.OrdinalIgnoreCase);

    // REGISTER <account> <email> <password>: the account is "*" or the current nickname; the e-mail is not kept.
    private async ValueTask RegisterAsync(IrcMessage message, CancellationToken aborted)
    {
        var account = message[0];
        if (_hub.Accounts is null)
        {
            Fail("REGISTER", "TEMPORARILY_UNAVAILABLE", account, "This server has no accounts");
            return;
        }

        if (_member is not { } member)
        {
            Fail("REGISTER", "COMPLETE_CONNECTION_REQUIRED", account, "Register your connection (NICK and USER) first");
            return;
        }

        if (account != "*" && !NicknameRules.Comparer.Equals(account, member.Nick))
        {
            Fail("REGISTER", "ACCOUNT_NAME_MUST_BE_NICK", account, "The account name must be your current nickname");
            return;
        }

        if (member.Account is not null)
        {
            Fail("REGISTER", "ALREADY_AUTHENTICATED", account, "You are logged in already");
            return;
        }

        Flush();
        var answer = await _hub.RegisterAccountAsync(member, message[2], aborted).ConfigureAwait(false);
        if (answer.Succeeded)
        {
            Line(ServerName, "REGISTER", ["SUCCESS", answer.Account!, "Account registered"], trailing: true);
            LoggedInNumeric(answer.Account!);
            return;
        }

        var code = answer.Outcome switch
        {
            AccountOutcome.NameTaken => "ACCOUNT_EXISTS",
            AccountOutcome.PasswordTooShort => "WEAK_PASSWORD",
            AccountOutcome.PasswordTooLong => "UNACCEPTABLE_PASSWORD",
            _ => "TEMPORARILY_UNAVAILABLE",
        };
        Fail("REGISTER", code, member.Nick, _hub.Accounts.Describe(answer.Outcome, member.Nick));
    }

    // PRIVMSG NickServ :REGISTER <password> [email] | IDENTIFY [account] <password> | LOGOUT | HELP
    private async ValueTask NickServAsync(string text, CancellationToken aborted)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var command = words.Length > 0 ? words[0].ToUpperInvariant() : "HELP";
        var member = _member!;
        if (_hub.Accounts is not { } accounts)
        {
            NickServNotice("This server has no accounts.");
            return;
        }

        Flush();
        switch (command)
        {
            case "REGISTER" when words.Length >= 2:
                var registered = await _hub.RegisterAccountAsync(member, words[1], aborted).ConfigureAwait(false);
                NickServNotice(registered.Succeeded ? $"{registered.Account} is registered to you." : accounts.Describe(registered.Outcome, member.Nick));
                if (registered.Succeeded)
                {
                    LoggedInNumeric(registered.Account!);
                }

                break;
            case "IDENTIFY" or "LOGIN" when words.Length >= 2:
                var name = words.Length >= 3 ? words[1] : member.Nick;
                var login = await _hub.LoginAsync(member, name, words[^1], aborted).ConfigureAwait(false);
                if (login.Succeeded)
                {
                    LoggedInNumeric(login.Account!);
                }
                else
                {
                    NickServNotice(accounts.Describe(login.Outcome, name));
                }

                break;
            case "LOGOUT":
                NickServNotice(_hub.Logout(member) ? "You are logged out." : "You are not logged in.");
                if (member.Account is null)
                {
                    Numeric("901", Me + "!" + member.UserName + "@" + IrcNames.HostName, "You are now logged out");
                }

                break;
            default:
                NickServNotice("Commands: REGISTER <password>, IDENTIFY [account] <password>, LOGOUT. SASL PLAIN works on the TLS port.");
                break;
        }
    }

    private void NickServNotice(string text) => Line(NickServSource, "NOTICE", [Me, text], trailing: true);

    /// <summary>An IRCv3 standard reply: <c>FAIL command code context :description</c>.</summary>
    private void Fail(string command, string code, string context, string description) =>
        Line(ServerName, "FAIL", [command, code, context, description], trailing: true);
}
