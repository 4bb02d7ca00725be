using System.IO.Pipelines;

using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Protocols.Text;
using Parley.Server.Hosting;

namespace Parley.Server.Sessions;

/// <summary>
/// One connection on the text listener: works out the dialect from what the client does first (docs/protocol.md),
/// registers the nickname, then turns each message into hub input. Events reach the client through
/// <see cref="Outbox"/> and its writer loop; when that loop ends for any reason the read loop ends too.
/// </summary>
public sealed partial class TextSession : IMemberSink
{
    private readonly ConnectionContext _connection;
    private readonly ChatHub _hub;
    private readonly CommandDispatcher _dispatcher;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Outbox _outbox;
    private readonly TextLineReader _reader;
    private readonly string _address;
    private TextDialect _dialect;
    private TextEventEncoder _encoder = TextEventEncoder.For(TextDialect.Prompted, TextFraming.Unframed);
    private Member? _member;

    // Set when the nickname was taken from a first message's "nick: " prefix (see InferPromptedAsync).
    private string? _pendingMessage;
    private bool _expectNickEcho;

    public TextSession(
        ConnectionContext connection, ChatHub hub, CommandDispatcher dispatcher, ServerOptions options, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _hub = hub;
        _dispatcher = dispatcher;
        _options = options;
        _time = time;
        _logger = logger;
        _outbox = new Outbox(options.OutboxCapacity);
        _reader = new TextLineReader(hub.Options.MaxMessageBytes + hub.Options.MaxNickLength + 4);
        _address = connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId;
    }

    private PipeReader Input => _connection.Transport.Input;

    private PipeWriter Output => _connection.Transport.Output;

    public async Task RunAsync()
    {
        var aborted = _connection.ConnectionClosed;
        string reason = "connection closed";
        try
        {
            var first = await DetectDialectAsync(aborted).ConfigureAwait(false);
            if (first is not { } firstFrame)
            {
                return;
            }

            var gap = _encoder.Framing == TextFraming.Unframed ? _options.UnframedWriteGap : TimeSpan.Zero;
            var writer = _outbox.RunWriterAsync(Output, _encoder, gap, _time, aborted);
            _ = writer.ContinueWith(static (_, input) => ((PipeReader)input!).CancelPendingRead(), Input, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            if (!await RegisterAsync(firstFrame, aborted).ConfigureAwait(false))
            {
                await CloseAsync(writer).ConfigureAwait(false);
                return;
            }

            reason = await ReadLoopAsync(writer, aborted).ConfigureAwait(false);
            _hub.Leave(_member!, reason);
            await CloseAsync(writer).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or OperationCanceledException or ConnectionAbortedException)
        {
            LogConnectionError(_address, ex.Message);
        }
        finally
        {
            if (_member is not null)
            {
                _hub.Leave(_member, reason);
            }
        }
    }

    public bool TryDeliver(ChatEvent chatEvent)
    {
        switch (_outbox.TryEnqueue(chatEvent))
        {
            case EnqueueResult.Queued:
                return true;
            case EnqueueResult.Closed:
                return false;
        }

        LogSlowConsumer(_member?.Nick ?? _address, _outbox.Capacity);
        _outbox.Complete();
        _connection.Abort(new ConnectionAbortedException("slow consumer: outbox full"));
        return false;
    }

    public void Complete() => _outbox.Complete();

    private async Task<string> ReadLoopAsync(Task writer, CancellationToken aborted)
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

        while (!writer.IsCompleted)
        {
            var frame = await ReadFrameAsync(bursts, aborted).ConfigureAwait(false);
            if (frame is not { } message)
            {
                return writer.IsCompleted ? "server closed the connection" : "connection closed";
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
        var nick = _member!.Nick;
        var messages = burst ? TextHandshake.SplitBurst(_dialect, nick, frameText) : [frameText];
        foreach (var message in messages)
        {
            if (_dialect == TextDialect.Registered && TextHandshake.TryParseDisconnect(message, out _))
            {
                return "disconnected";
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

    /// <summary>Lets the writer send what is queued (bounded by the shutdown timeout), then closes.</summary>
    private async Task CloseAsync(Task writer)
    {
        _outbox.Complete();
        try
        {
            await writer.WaitAsync(_options.ShutdownTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogFlushTimeout(_member?.Nick ?? _address);
            _connection.Abort(new ConnectionAbortedException("outbox not drained in time"));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ConnectionResetException)
        {
            LogConnectionError(_address, ex.Message);
        }

        await Output.CompleteAsync().ConfigureAwait(false);
    }

    private async ValueTask WriteNowAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await Output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}
