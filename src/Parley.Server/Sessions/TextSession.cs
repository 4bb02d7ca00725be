using System.IO.Pipelines;

using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Protocols.Text;
using Parley.Server.Connections;
using Parley.Server.Hosting;

namespace Parley.Server.Sessions;

/// <summary>
/// The text listener's protocol adapter: works out the dialect from what the client does first (docs/protocol.md),
/// registers the nickname, then turns each message into hub input. Sending, back-pressure, timeouts and closing
/// are the connection core's (<see cref="ClientConnection"/>); this class supplies the framing and the encoder.
/// </summary>
public sealed partial class TextSession : IMemberSink, IConnectionProtocol
{
    private readonly ClientConnection _connection;
    private readonly ChatHub _hub;
    private readonly CommandDispatcher _dispatcher;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TextLineReader _reader;
    private TextDialect _dialect;
    private TextEventEncoder _encoder = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Unframed);
    private Member? _member;

    // Set when the nickname was taken from a first message's "nick: " prefix (see InferPromptedAsync).
    private string? _pendingMessage;
    private bool _expectNickEcho;

    public TextSession(
        ClientConnection connection, ChatHub hub, CommandDispatcher dispatcher, ServerOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _hub = hub;
        _dispatcher = dispatcher;
        _options = options;
        _time = time;
        _logger = logger;
        _reader = new TextLineReader(hub.Options.MaxMessageBytes + hub.Options.MaxNickLength + 4);
        connection.Attach(this);
    }

    public IEventEncoder Encoder => _encoder;

    public string Who => _member?.Nick ?? _connection.Address;

    private PipeReader Input => _connection.Input;

    public async Task RunAsync()
    {
        var aborted = _connection.Aborted;
        string reason = "connection closed";
        try
        {
            var first = await DetectDialectAsync(aborted).ConfigureAwait(false);
            if (first is not { } firstFrame)
            {
                return;
            }

            if (!await RegisterAsync(firstFrame, aborted).ConfigureAwait(false))
            {
                return;
            }

            _connection.HandshakeCompleted();
            reason = await ReadLoopAsync(aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or OperationCanceledException or ConnectionAbortedException)
        {
            LogConnectionError(_connection.Address, ex.Message);
        }
        finally
        {
            if (_member is not null)
            {
                _hub.Leave(_member, _connection.DepartureReason ?? reason);
            }
        }
    }

    public bool TryDeliver(ChatEvent chatEvent) => _connection.TryDeliver(chatEvent);

    public bool TryDeliverMany(ReadOnlySpan<ChatEvent> chatEvents) => _connection.TryDeliverMany(chatEvents);

    public void Complete() => _connection.CompleteSending();

    private async Task<string> ReadLoopAsync(CancellationToken aborted)
    {
        var bursts = _encoder.Framing == TextFraming.Unframed;
        if (_pendingMessage is { } pending)
        {
            _pendingMessage = null;
            if (await HandleMessagesAsync(pending, bursts, aborted).ConfigureAwait(false) is { } ended)
            {
                return ended;
            }
        }

        while (!_connection.IsClosing)
        {
            var frame = await ReadFrameAsync(bursts, aborted).ConfigureAwait(false);
            if (frame is not { } message)
            {
                return _connection.IsClosing ? "server closed the connection" : "connection closed";
            }

            var isNickEcho = _expectNickEcho && message.Text.Trim().Equals(_member!.Nick, StringComparison.OrdinalIgnoreCase);
            _expectNickEcho = false;
            if (isNickEcho)
            {
                continue;
            }

            if (message.TooLong)
            {
                TryDeliver(new ErrorNotice(ErrorCodes.TooLong, $"Message too long: at most {_hub.Options.MaxMessageBytes} bytes.", _hub.Now));
                if (bursts)
                {
                    await SkipRestOfBurstAsync(aborted).ConfigureAwait(false);
                }

                continue;
            }

            if (await HandleMessagesAsync(message.Text, bursts, aborted).ConfigureAwait(false) is { } ended)
            {
                return ended;
            }
        }

        return "server closed the connection";
    }

    /// <summary>Handles one frame's text (for unframed clients possibly several merged messages); returns why
    /// the session ends, or null to carry on.</summary>
    private async ValueTask<string?> HandleMessagesAsync(string frameText, bool burst, CancellationToken aborted)
    {
        NoteCharset(frameText);
        var nick = _member!.Nick;
        var messages = burst ? TextHandshake.SplitBurst(_dialect, nick, frameText) : [frameText];
        foreach (var message in messages)
        {
            if (_dialect == TextDialect.Registered && TextHandshake.TryParseDisconnect(message, out _))
            {
                return "disconnected";
            }

            // The message budget and the server's back-pressure: this client is not read while it waits here.
            if (!await _connection.AdmitAsync(aborted).ConfigureAwait(false))
            {
                return "server closed the connection";
            }

            var text = TextHandshake.StripSenderPrefix(_dialect, nick, message);
            if (System.Text.Encoding.UTF8.GetByteCount(text) > _hub.Options.MaxMessageBytes)
            {
                TryDeliver(new ErrorNotice(ErrorCodes.TooLong, $"Message too long: at most {_hub.Options.MaxMessageBytes} bytes.", _hub.Now));
                continue;
            }

            var outcome = await _dispatcher.HandleInputAsync(_member, text, room: null, clientSeq: null, aborted).ConfigureAwait(false);
            if (outcome == InputOutcome.Quit)
            {
                return "quit";
            }
        }

        return null;
    }
}
