using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Text;
using Parley.Protocols.Json;

namespace Parley.Server.Sessions;

public sealed partial class JsonSession
{
    /// <summary>Reads frames until the client leaves, quits, sends an oversize frame, or the writer ends.
    /// Returns the departure reason.</summary>
    private async Task<string> ReadLoopAsync(CancellationToken aborted)
    {
        while (!_connection.IsClosing)
        {
            var result = await Input.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            var open = _connection.TakeFrames(result, _reader, _frames, static f => f.ErrorKind == JsonFrameErrorKind.Oversize);
            foreach (var frame in _frames)
            {
                // The message budget and the server's back-pressure: this client is not read while it waits here.
                if (!await _connection.AdmitAsync(aborted).ConfigureAwait(false))
                {
                    return "server closed the connection";
                }

                if (await HandleFrameAsync(frame, aborted).ConfigureAwait(false) is { } reason)
                {
                    return reason;
                }
            }

            if (!open)
            {
                return "connection closed";
            }
        }

        return "server closed the connection";
    }

    /// <summary>Acts on one frame; returns a departure reason when the connection must end.</summary>
    private async ValueTask<string?> HandleFrameAsync(JsonFrame frame, CancellationToken aborted)
    {
        if (frame.IsError)
        {
            var oversize = frame.ErrorKind == JsonFrameErrorKind.Oversize;
            LogBadFrame(Address, frame.ErrorKind, frame.ErrorMessage ?? string.Empty);
            ReplyError(oversize ? ErrorCodes.TooLong : ErrorCodes.BadFrame, frame.ErrorMessage ?? "Bad frame.");
            return oversize ? "frame too large" : null;
        }

        var request = frame.Request!;
        switch (request.Kind)
        {
            case ClientRequestKind.Hello:
                Hello(request);
                return null;
            case ClientRequestKind.Ping:
                ReplyRaw(JsonReplyWriter.WritePong);
                return null;
            case ClientRequestKind.Subscribe:
                await SubscribeAsync(request, aborted).ConfigureAwait(false);
                return null;
            case ClientRequestKind.Unsubscribe:
                Unsubscribe(request);
                return null;
            default:
                return await HandleRequestAsync(request, aborted).ConfigureAwait(false);
        }
    }

    // {"type":"hello","user":"alice","version":1}
    private void Hello(ClientRequest request)
    {
        PreferStyle(native: true);
        if (_member is not null || _subscription is not null)
        {
            ReplyError(ErrorCodes.AlreadyRegistered, $"This connection is registered already, as {Who}.");
            return;
        }

        var nick = request.User!;
        var result = _hub.TryRegister(nick, "json", Address, canChangeRooms: true, this, out _member, beforeAnnounce: member =>
        {
            // Settled under the hub's lock, before the joined event is queued here.
            SettleStyle(native: true);
            ReplyRaw(output => JsonReplyWriter.WriteWelcome(output, member.Nick, _hub.Options.DefaultRoom));
        });
        if (result != RegistrationResult.Registered)
        {
            Refuse(result, nick);
            return;
        }

        _connection.HandshakeCompleted();
    }

    /// <summary>A seed client's first message names it: register it as that user, seed-style.</summary>
    private Member? RegisterImplicitly(string nick)
    {
        var result = _hub.TryRegister(nick, "json", Address, canChangeRooms: true, this, out _member, beforeAnnounce: _ => SettleStyle(native: false));
        if (result == RegistrationResult.Registered)
        {
            _connection.HandshakeCompleted();
            return _member;
        }

        Refuse(result, nick);
        return null;
    }

    private void Refuse(RegistrationResult result, string nick)
    {
        LogRefused(Address, Excerpt.Of(nick), result);
        switch (result)
        {
            case RegistrationResult.NickTaken:
                ReplyError(ErrorCodes.NickTaken, $"The nickname {Excerpt.Of(nick)} is taken; choose another.");
                break;
            case RegistrationResult.ShuttingDown:
                ReplyError(ErrorCodes.NotRegistered, "Server is shutting down.");
                break;
            default:
                ReplyError(ErrorCodes.NickInvalid, $"Invalid nickname \"{Excerpt.Of(nick)}\": {NicknameRules.Describe(_hub.Options.MaxNickLength)}.");
                break;
        }
    }
}
