using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Text;
using Parley.Protocols;
using Parley.Protocols.Text;

namespace Parley.Server.Sessions;

public sealed partial class TextSession
{
    /// <summary>
    /// Silence for the grace period: prompt with NICK and read the nickname. "REGISTER ...": the registration
    /// dialect. Anything else: explain how to join and give up. Returns the frame that carries the nickname
    /// (or the REGISTER request), whose framing decides the connection's framing.
    /// </summary>
    private async Task<TextFrame?> DetectDialectAsync(CancellationToken aborted)
    {
        var first = await Input.ReadAsync(_options.NickGracePeriod, _time, aborted).ConfigureAwait(false);
        var buffer = first.Buffer;
        if ((buffer.IsEmpty && first.IsCompleted) || _connection.IsClosing)
        {
            Input.AdvanceTo(buffer.End);
            return null;
        }

        // Leave the bytes unconsumed and unexamined: the frame reader starts from them.
        var clientSpokeFirst = !buffer.IsEmpty;
        var looksLikeRegister = clientSpokeFirst && TextHandshake.LooksLikeRegister(FirstBytes(buffer));
        Input.AdvanceTo(buffer.Start);
        if (!clientSpokeFirst)
        {
            _dialect = TextDialect.Prompted;
            _connection.Send(System.Text.Encoding.ASCII.GetBytes(TextReplies.NickPrompt));
            return await ReadFrameAsync(bursts: true, aborted).ConfigureAwait(false);
        }

        if (!looksLikeRegister)
        {
            return await InferPromptedAsync(aborted).ConfigureAwait(false);
        }

        _dialect = TextDialect.Registered;
        return await ReadFrameAsync(bursts: true, aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// A seed client whose user typed before the NICK prompt arrived sends "nick: text" first. Take the
    /// nickname from that prefix, still send NICK (the client's receive loop answers it with the nickname,
    /// which <see cref="ReadLoopAsync"/> then ignores once), and keep the message for after registration.
    /// Anything else gets the explanation of how to join.
    /// </summary>
    private async Task<TextFrame?> InferPromptedAsync(CancellationToken aborted)
    {
        var frame = await ReadFrameAsync(bursts: true, aborted).ConfigureAwait(false);
        if (frame is { TooLong: false } first && TextHandshake.TryReadSenderPrefix(first.Text, _hub.Options.MaxNickLength, out var nick))
        {
            _dialect = TextDialect.Prompted;
            _pendingMessage = first.Text;
            _expectNickEcho = true;

            // After the framing is known, so that an unframed client gets the write gap after it, as after any message.
            _connection.Send(System.Text.Encoding.ASCII.GetBytes(TextReplies.NickPrompt));
            return first with { Text = nick };
        }

        LogUnknownDialect(_connection.Address);
        var howTo = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf).Frame(TextReplies.HowToJoin((int)_options.NickGracePeriod.TotalMilliseconds));
        _connection.Send(howTo);
        return null;
    }

    /// <summary>Claims the nickname. A prompted, line-framed client (a person at nc or telnet) may try again;
    /// everyone else gets one refusal in its dialect and the connection closes.</summary>
    private async Task<bool> RegisterAsync(TextFrame frame, CancellationToken aborted)
    {
        for (var attempt = 1; ; attempt++)
        {
            var nick = frame.Text.Trim();
            if (_dialect == TextDialect.Registered && !TextHandshake.TryParseRegister(frame.Text, out nick))
            {
                _connection.Send((_encoder.Frame(TextReplies.InvalidRegistration)));
                return false;
            }

            var result = frame.TooLong
                ? RegistrationResult.NickInvalid
                : _hub.TryRegister(nick, "text", _connection.Address, canChangeRooms: false, this, out _member, beforeAnnounce: Acknowledge);
            if (result == RegistrationResult.Registered)
            {
                if (_dialect == TextDialect.Prompted)
                {
                    TryDeliver(new Notice(NoticeKind.Welcome, TextReplies.Welcome, _hub.Now));
                }

                return true;
            }

            LogRefused(_connection.Address, Excerpt.Of(nick), result);
            if (_dialect == TextDialect.Registered)
            {
                var reply = result == RegistrationResult.NickTaken ? TextReplies.AlreadyRegistered : TextReplies.InvalidRegistration;
                _connection.Send((_encoder.Frame(reply)));
                return false;
            }

            TryDeliver(Refusal(result, nick));
            if (result == RegistrationResult.ShuttingDown || _encoder.Framing == TextFraming.Unframed || attempt >= _options.MaxNickAttempts)
            {
                return false;
            }

            _connection.Send((_encoder.Frame(TextReplies.NickPrompt)));
            if (await ReadFrameAsync(bursts: false, aborted).ConfigureAwait(false) is not { } next)
            {
                return false;
            }

            frame = next;
        }
    }

    private void Acknowledge(Member member)
    {
        if (_dialect == TextDialect.Registered)
        {
            _connection.Send((_encoder.Frame(TextReplies.Registered)));
        }
    }

    private ErrorNotice Refusal(RegistrationResult result, string nick) => result switch
    {
        RegistrationResult.NickTaken => new ErrorNotice(ErrorCodes.NickTaken, $"The nickname {Excerpt.Of(nick)} is taken; choose another.", _hub.Now),
        RegistrationResult.ShuttingDown => new ErrorNotice(ErrorCodes.NotRegistered, TextReplies.ShuttingDown, _hub.Now),
        _ => new ErrorNotice(ErrorCodes.NickInvalid, $"Invalid nickname \"{Excerpt.Of(nick)}\": {NicknameRules.Describe(_hub.Options.MaxNickLength)}.", _hub.Now),
    };

    private static ReadOnlySpan<byte> FirstBytes(in System.Buffers.ReadOnlySequence<byte> buffer) =>
        buffer.FirstSpan.Length >= 8 || buffer.IsSingleSegment ? buffer.FirstSpan : System.Buffers.BuffersExtensions.ToArray(buffer.Slice(0, Math.Min(8, buffer.Length)));
}
