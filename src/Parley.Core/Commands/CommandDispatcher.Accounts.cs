using Parley.Core.Accounts;
using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Commands;

/// <summary>Account commands. Passwords are single words here (the JSON requests take any text); they are never
/// echoed, logged or posted: an unknown command is answered with its name only.</summary>
public sealed partial class CommandDispatcher
{
    private static IEnumerable<CommandSpec> AccountCommands() =>
    [
        new("register", "/register <password>", "register your nickname as an account (you are logged in)", 1, false, RegisterAsync),
        new("login", "/login [nick] <password>", "log in to your account (and take its nickname)", 1, false, LoginAsync),
        new("logout", "/logout", "log out of your account", 0, false, LogoutAsync),
        new("passwd", "/passwd <old> <new>", "change your account's password", 2, false, PasswdAsync),
    ];

    private static bool IsAccountCommand(string name) => name is "register" or "login" or "logout" or "passwd";

    // /register <password>
    private static async ValueTask<InputOutcome> RegisterAsync(CommandContext context)
    {
        if (!AccountsOn(context))
        {
            return InputOutcome.Continue;
        }

        if (context.Member.Account is { } account)
        {
            context.Fail(ErrorCodes.AlreadyRegistered, $"You are logged in as {account} already; /logout first to register another nickname.");
            return InputOutcome.Continue;
        }

        var password = Words(context.Arguments)[0];
        var nick = context.Member.Nick;
        var answer = await context.Hub.RegisterAccountAsync(context.Member, password, context.CancellationToken).ConfigureAwait(false);
        if (answer.Succeeded)
        {
            context.Reply(NoticeKind.Account, $"Registered the account {answer.Account}: nobody else can use this nickname now.");
        }
        else
        {
            FailAccount(context, answer.Outcome, nick);
        }

        return InputOutcome.Continue;
    }

    // /login [nick] <password>
    private static async ValueTask<InputOutcome> LoginAsync(CommandContext context)
    {
        if (!AccountsOn(context))
        {
            return InputOutcome.Continue;
        }

        var words = Words(context.Arguments);
        var name = words.Length > 1 ? words[0] : context.Member.Nick;
        var password = words.Length > 1 ? words[1] : words[0];
        var answer = await context.Hub.LoginAsync(context.Member, name, password, context.CancellationToken).ConfigureAwait(false);
        if (!answer.Succeeded)
        {
            FailAccount(context, answer.Outcome, name);
        }

        return InputOutcome.Continue;
    }

    // /logout
    private static ValueTask<InputOutcome> LogoutAsync(CommandContext context)
    {
        if (!AccountsOn(context))
        {
            return ValueTask.FromResult(InputOutcome.Continue);
        }

        var account = context.Member.Account;
        if (context.Hub.Logout(context.Member))
        {
            context.Reply(NoticeKind.Account, $"You are logged out of {account}.");
        }
        else
        {
            context.Fail(ErrorCodes.NotLoggedIn, "You are not logged in.");
        }

        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /passwd <old> <new>
    private static async ValueTask<InputOutcome> PasswdAsync(CommandContext context)
    {
        if (!AccountsOn(context))
        {
            return InputOutcome.Continue;
        }

        if (context.Member.Account is not { } account)
        {
            context.Fail(ErrorCodes.NotLoggedIn, "Log in first (/login PASSWORD), then change your password.");
            return InputOutcome.Continue;
        }

        var words = Words(context.Arguments);
        var answer = await context.Hub.Accounts!.ChangePasswordAsync(account, words[0], words[1], context.Member.Address, context.CancellationToken).ConfigureAwait(false);
        if (answer.Succeeded)
        {
            context.Reply(NoticeKind.Account, $"The password of {account} is changed.");
        }
        else
        {
            FailAccount(context, answer.Outcome, account);
        }

        return InputOutcome.Continue;
    }

    private static bool AccountsOn(CommandContext context)
    {
        if (context.Hub.Accounts is not null)
        {
            return true;
        }

        context.Fail(ErrorCodes.AccountsUnavailable, "This server has no accounts.");
        return false;
    }

    /// <summary>The error for a failed account operation, with its stable code.</summary>
    public static (string Code, string Text) Failure(ChatHub hub, AccountOutcome outcome, string name)
    {
        ArgumentNullException.ThrowIfNull(hub);
        var code = outcome switch
        {
            AccountOutcome.NameTaken => ErrorCodes.AccountExists,
            AccountOutcome.InvalidCredentials => ErrorCodes.AuthFailed,
            AccountOutcome.RateLimited => ErrorCodes.RateLimited,
            AccountOutcome.PasswordTooShort or AccountOutcome.PasswordTooLong => ErrorCodes.PasswordInvalid,
            _ => ErrorCodes.AccountsUnavailable,
        };
        return (code, hub.Accounts?.Describe(outcome, name) ?? "This server has no accounts.");
    }

    private static void FailAccount(CommandContext context, AccountOutcome outcome, string name)
    {
        var (code, text) = Failure(context.Hub, outcome, name);
        context.Fail(code, text);
    }

    private static string[] Words(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
