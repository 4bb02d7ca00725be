using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Protocols.Json;

namespace Parley.Server.Sessions;

public sealed partial class JsonSession
{
    // {"type":"register","password":"..."} | {"type":"login","user":"alice","password":"..."} | {"type":"logout"}
    // | {"type":"passwd","password":"old","new":"new"}: answered with a notice of kind "account" or an error.
    // Passwords may hold any text here (the typed /commands take one word).
    private async ValueTask<InputOutcome> AccountAsync(Member sender, ClientRequest request, CancellationToken aborted)
    {
        if (_hub.Accounts is not { } accounts)
        {
            ReplyError(ErrorCodes.AccountsUnavailable, "This server has no accounts.");
            return InputOutcome.Continue;
        }

        switch (request.Kind)
        {
            case ClientRequestKind.Register when sender.Account is { } account:
                ReplyError(ErrorCodes.AlreadyRegistered, $"You are logged in as {account} already; log out first to register another nickname.");
                break;
            case ClientRequestKind.Register:
                var nick = sender.Nick;
                var registered = await _hub.RegisterAccountAsync(sender, request.Password!, aborted).ConfigureAwait(false);
                AccountFailure(registered.Outcome, nick, registered.Succeeded);
                break;
            case ClientRequestKind.Login:
                var name = request.User ?? sender.Nick;
                var login = await _hub.LoginAsync(sender, name, request.Password!, aborted).ConfigureAwait(false);
                AccountFailure(login.Outcome, name, login.Succeeded);
                break;
            case ClientRequestKind.Logout:
                var was = sender.Account;
                if (_hub.Logout(sender))
                {
                    sender.Sink.TryDeliver(new Notice(NoticeKind.Account, $"You are logged out of {was}.", _hub.Now));
                }
                else
                {
                    ReplyError(ErrorCodes.NotLoggedIn, "You are not logged in.");
                }

                break;
            case ClientRequestKind.Passwd when sender.Account is null:
                ReplyError(ErrorCodes.NotLoggedIn, "Log in first, then change your password.");
                break;
            case ClientRequestKind.Passwd:
                var changed = await accounts.ChangePasswordAsync(sender.Account!, request.Password!, request.NewPassword!, sender.Address, aborted).ConfigureAwait(false);
                if (changed.Succeeded)
                {
                    sender.Sink.TryDeliver(new Notice(NoticeKind.Account, $"The password of {changed.Account} is changed.", _hub.Now));
                }
                else
                {
                    AccountFailure(changed.Outcome, sender.Account!, succeeded: false);
                }

                break;
        }

        return InputOutcome.Continue;
    }

    // {"type":"topic","room":"#r","topic":"..."} | {"type":"kick","room":"#r","nick":"bob","reason":"..."}
    // | {"type":"mode","room":"#r","modes":"+i"}: the /topic, /kick and /mode commands, with the room optional.
    private ValueTask<InputOutcome> OperatorAsync(Member sender, ClientRequest request, CancellationToken aborted)
    {
        var room = Room(request.Room) is { } named ? named + " " : string.Empty;
        return request.Kind switch
        {
            ClientRequestKind.Topic => _dispatcher.ExecuteAsync(sender, "topic", room + (request.Topic ?? string.Empty), aborted),
            ClientRequestKind.Kick => _dispatcher.ExecuteAsync(sender, "kick", room + request.Nick + " " + (request.Reason ?? string.Empty), aborted),
            _ => _dispatcher.ExecuteAsync(sender, "mode", room + request.Modes, aborted),
        };
    }

    private void AccountFailure(Core.Accounts.AccountOutcome outcome, string name, bool succeeded)
    {
        if (succeeded)
        {
            // The hub has told the member "You are logged in as ..." (kind "account").
            return;
        }

        var (code, text) = CommandDispatcher.Failure(_hub, outcome, name);
        ReplyError(code, text);
    }
}
