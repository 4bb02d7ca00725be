using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Text;
using Parley.Protocols.Json;

namespace Parley.Server.Sessions;

public sealed partial class JsonSession
{
    /// <summary>Chat messages and commands, for the member this connection speaks for.</summary>
    private async ValueTask<string?> HandleRequestAsync(ClientRequest request, CancellationToken aborted)
    {
        var isMessage = request.Kind is ClientRequestKind.Message or ClientRequestKind.DirectMessage;
        if (isMessage && System.Text.Encoding.UTF8.GetByteCount(request.Message!) > _hub.Options.MaxMessageBytes)
        {
            PreferStyle(native: false);
            ReplyError(ErrorCodes.TooLong, $"Message too long: at most {_hub.Options.MaxMessageBytes} bytes.");
            return null;
        }

        var sender = Sender(request, registerImplicitly: isMessage);
        if (sender is null)
        {
            return null;
        }

        var outcome = request.Kind switch
        {
            // {"seq":0,"user":"alice","message":"hello"} or {"type":"message",...}: typed text, exactly as on the text port.
            ClientRequestKind.Message => await _dispatcher.HandleInputAsync(sender, request.Message!, Room(request.Room), request.Seq, aborted).ConfigureAwait(false),
            ClientRequestKind.DirectMessage => Direct(sender, request),
            ClientRequestKind.Join => await _dispatcher.ExecuteAsync(sender, "join", JoinArguments(request), aborted).ConfigureAwait(false),
            ClientRequestKind.Part => await _dispatcher.ExecuteAsync(sender, "part", request.Room ?? string.Empty, aborted).ConfigureAwait(false),
            ClientRequestKind.Who => await _dispatcher.ExecuteAsync(sender, "who", request.Room ?? string.Empty, aborted).ConfigureAwait(false),
            ClientRequestKind.Rooms => await _dispatcher.ExecuteAsync(sender, "rooms", string.Empty, aborted).ConfigureAwait(false),
            ClientRequestKind.Weather => await _dispatcher.ExecuteAsync(sender, "weather", request.Place ?? string.Empty, aborted).ConfigureAwait(false),
            ClientRequestKind.Quit => await _dispatcher.ExecuteAsync(sender, "quit", string.Empty, aborted).ConfigureAwait(false),
            ClientRequestKind.History => await HistoryAsync(sender, request, aborted).ConfigureAwait(false),
            ClientRequestKind.Search => await SearchAsync(sender, request, aborted).ConfigureAwait(false),
            ClientRequestKind.Register or ClientRequestKind.Login or ClientRequestKind.Logout or ClientRequestKind.Passwd =>
                await AccountAsync(sender, request, aborted).ConfigureAwait(false),
            ClientRequestKind.Topic or ClientRequestKind.Kick or ClientRequestKind.Mode => await OperatorAsync(sender, request, aborted).ConfigureAwait(false),
            _ => InputOutcome.Continue,
        };
        if (outcome != InputOutcome.Quit)
        {
            return null;
        }

        // A subscriber that says goodbye ends its subscription, whichever connection it said it on.
        if (sender != _member && sender.Sink is Subscriptions.SubscriberSink subscription)
        {
            _registry.Quit(subscription, "quit");
        }

        return "quit";
    }

    // {"type":"join","room":"#r","key":"k"}: a key with a space could not be one (IRC refuses them), so it goes last.
    private static string JoinArguments(ClientRequest request) =>
        string.IsNullOrEmpty(request.Key) ? request.Room! : request.Room + " " + request.Key;

    // {"type":"msg","to":"bob","message":"hi"}
    private InputOutcome Direct(Member sender, ClientRequest request)
    {
        if (!_hub.SendDirect(sender, request.To!, request.Message!, request.Seq))
        {
            ReplyError(ErrorCodes.NoSuchNick, $"Nobody is called {Excerpt.Of(request.To)}.");
        }

        return InputOutcome.Continue;
    }

    /// <summary>
    /// Who speaks: this connection's own member; else the subscription it is bound to, or one that the frame
    /// matches (the sender's address is a registered one, or its "user" is a subscriber's name), renamed to the
    /// frame's "user"; else, for a message with "user", a new member registered implicitly (seed-style).
    /// </summary>
    private Member? Sender(ClientRequest request, bool registerImplicitly)
    {
        if (_member is not null)
        {
            return _member;
        }

        var subscription = _subscription is { IsActive: true } bound ? bound : _registry.Match(_remoteKey, request.User, this, _remoteIp);
        if (subscription?.Member is { } subscriber)
        {
            // Speaking for a subscriber is as good as registering: no handshake timeout for this connection.
            _connection.HandshakeCompleted();
            PreferStyle(native: false);
            if (request.User is { } user)
            {
                var renamed = _registry.Adopt(subscription, user);
                if (renamed is RenameResult.NickTaken or RenameResult.NickInvalid)
                {
                    ReplyError(
                        renamed == RenameResult.NickTaken ? ErrorCodes.NickTaken : ErrorCodes.NickInvalid,
                        $"Cannot take the name {Excerpt.Of(user)}; your messages go out as {subscriber.Nick}.");
                }
            }

            return subscriber;
        }

        PreferStyle(native: false);
        if (!registerImplicitly || request.User is not { } nick)
        {
            ReplyError(ErrorCodes.NotRegistered, "Say hello first ({\"type\":\"hello\",\"user\":\"NAME\"}) or put your name in \"user\".");
            return null;
        }

        return RegisterImplicitly(nick);
    }

    private static string? Room(string? room) => room is null ? null : RoomNameRules.Normalize(room);
}
