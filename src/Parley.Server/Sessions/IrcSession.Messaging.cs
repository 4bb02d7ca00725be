using Parley.Core.Events;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

public sealed partial class IrcSession
{
    // PRIVMSG <target>{,<target>} :<text>
    private ValueTask PrivmsgAsync(IrcMessage message, CancellationToken aborted) => SendAsync(message, notice: false, aborted);

    // NOTICE <target>{,<target>} :<text> (never answered with an error, as RFC 2812 section 3.3.2 asks)
    private ValueTask NoticeAsync(IrcMessage message, CancellationToken aborted) => SendAsync(message, notice: true, aborted);

    private async ValueTask SendAsync(IrcMessage message, bool notice, CancellationToken aborted)
    {
        if (message.Parameters.Count == 0 || message[0].Length == 0)
        {
            Reply(notice, "411", "No recipient given (" + message.Command + ")");
            return;
        }

        if (message.Parameters.Count < 2 || message[1].Length == 0)
        {
            Reply(notice, "412", "No text to send");
            return;
        }

        var text = message[1];
        var clientTags = ClientTags(message.Tags);
        var targets = message[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < targets.Length && i < MaxTargets; i++)
        {
            var target = targets[i];
            Flush();
            if (target.StartsWith('#'))
            {
                await ToRoomAsync(target, text, notice, clientTags, aborted).ConfigureAwait(false);
            }
            else if (!notice && IsNickServ(target))
            {
                await NickServAsync(text, aborted).ConfigureAwait(false);
            }
            else
            {
                await ToNickAsync(target, text, notice, clientTags, aborted).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask ToRoomAsync(string channel, string text, bool notice, string? clientTags, CancellationToken aborted)
    {
        var me = _member!;
        var room = _hub.GetRoom(channel);
        if (room is null)
        {
            Reply(notice, "403", channel, "No such channel");
            return;
        }

        if (!_hub.CanPost(me, channel))
        {
            Reply(notice, "404", channel, "Cannot send to channel");
            return;
        }

        if (notice)
        {
            if (_hub.SendNotice(me, room.Name, null, text, clientTags) is { } sent)
            {
                EchoOwn(sent);
            }

            return;
        }

        // `weather` works from IRC as from every protocol; its answer is a NOTICE to the sender alone.
        if (_hub.Options.WeatherEnabled && text.AsSpan().Trim().Equals("weather", StringComparison.OrdinalIgnoreCase))
        {
            await _dispatcher.ExecuteAsync(me, "weather", string.Empty, aborted).ConfigureAwait(false);
            return;
        }

        if (_hub.Say(me, room.Name, text, null, clientTags, out _, out var handedOver) is { } posted
            && await HandedOverAsync(handedOver, aborted).ConfigureAwait(false))
        {
            EchoOwn(posted);
        }
    }

    private async ValueTask ToNickAsync(string nick, string text, bool notice, string? clientTags, CancellationToken aborted)
    {
        var me = _member!;
        var target = _hub.Find(nick);
        if (target is null)
        {
            Reply(notice, "401", nick, "No such nick/channel");
            return;
        }

        if (notice)
        {
            if (_hub.SendNotice(me, null, target.Nick, text, clientTags) is { } sent)
            {
                EchoOwn(sent);
            }

            return;
        }

        if (_hub.SendDirectMessage(me, target.Nick, text, null, clientTags, out var handedOver) is { } direct
            && await HandedOverAsync(handedOver, aborted).ConfigureAwait(false))
        {
            EchoOwn(direct);
            if (target != me && target.AwayMessage is { } away)
            {
                Numeric("301", target.Nick, away);
            }
        }
    }

    // TAGMSG <target>{,<target>}: client-only tags without text (message-tags); nothing to send without any.
    private void Tagmsg(IrcMessage message)
    {
        if (message.Parameters.Count == 0 || message[0].Length == 0)
        {
            Numeric("411", "No recipient given (TAGMSG)");
            return;
        }

        if (ClientTags(message.Tags) is not { } clientTags)
        {
            return;
        }

        var me = _member!;
        var targets = message[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < targets.Length && i < MaxTargets; i++)
        {
            var target = targets[i];
            Flush();
            var room = target.StartsWith('#') ? _hub.GetRoom(target) : null;
            var sent = target.StartsWith('#')
                ? (room is null ? null : _hub.SendTags(me, room.Name, null, clientTags))
                : _hub.SendTags(me, null, target, clientTags);
            if (sent is null)
            {
                if (room is not null)
                {
                    Numeric("404", target, "Cannot send to channel");
                }
                else
                {
                    Numeric(target.StartsWith('#') ? "403" : "401", target, target.StartsWith('#') ? "No such channel" : "No such nick/channel");
                }
            }
            else
            {
                EchoOwn(sent);
            }
        }
    }

    /// <summary>The client-only tags (<c>+name[=value]</c>) of a line's tags, as written; null when there are none.
    /// Other tags a client sends are the server's to set and are dropped (IRCv3 message-tags).</summary>
    private static string? ClientTags(string? tags)
    {
        if (string.IsNullOrEmpty(tags) || !tags.Contains('+', StringComparison.Ordinal))
        {
            return null;
        }

        var kept = tags.Split(';', StringSplitOptions.RemoveEmptyEntries).Where(t => t.Length > 1 && t[0] == '+');
        var joined = string.Join(';', kept);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>
    /// Completes at once with history off (nothing allocated). With history on, waits until the message is stored and
    /// handed to delivery (false: refused, and this client was told). Its echo goes out only then, and this client's
    /// next command is read only then, so no answer to a later command (PONG, a labeled ACK, a NOTICE) overtakes the
    /// effects of this message, and an echo acknowledges a stored message (issue 10). The read loop pauses meanwhile:
    /// one message on its way per client is back-pressure.
    /// </summary>
    private static ValueTask<bool> HandedOverAsync(Task<bool> handedOver, CancellationToken aborted) =>
        handedOver.IsCompletedSuccessfully ? ValueTask.FromResult(handedOver.Result) : new ValueTask<bool>(handedOver.WaitAsync(aborted));

    /// <summary>echo-message: the sender gets its own message back, as the others see it (unless the hub echoes anyway).</summary>
    private void EchoOwn(ChatEvent sent)
    {
        if (_echoMessage && !_hub.Options.Echo && !TryHold(sent.GetEncoded(_encoder).Span))
        {
            _connection.TryDeliver(sent);
        }
    }

    private void Reply(bool notice, string code, params ReadOnlySpan<string> parameters)
    {
        if (!notice)
        {
            Numeric(code, parameters);
        }
    }

    // WEATHER [<place>]: what irssi sends for /weather; the forecast comes back as a NOTICE.
    private async ValueTask WeatherAsync(IrcMessage message, CancellationToken aborted)
    {
        var place = string.Join(' ', message.Parameters).Trim();
        Flush();
        await _dispatcher.ExecuteAsync(_member!, "weather", place, aborted).ConfigureAwait(false);
    }
}
