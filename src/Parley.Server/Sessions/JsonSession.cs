using System.IO.Pipelines;

using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Protocols.Json;
using Parley.Server.Hosting;
using Parley.Server.Subscriptions;

namespace Parley.Server.Sessions;

/// <summary>
/// One connection on the JSON listener (docs/protocol-json.md). A connection is native once it said hello
/// (typed frames) and seed-style otherwise (every frame message-shaped, for clients that only print
/// msg["user"] and msg["message"]). The style is settled before the connection can receive any hub event and
/// never changes after. Events reach the client through <see cref="Outbox"/> and its writer loop; when that
/// loop ends for any reason the read loop ends too.
/// </summary>
public sealed partial class JsonSession : IMemberSink, ISubscriptionChannel
{
    private readonly ConnectionContext _connection;
    private readonly ChatHub _hub;
    private readonly CommandDispatcher _dispatcher;
    private readonly SubscriberRegistry _registry;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Outbox _outbox;
    private readonly JsonFrameReader _reader;
    private readonly List<JsonFrame> _frames = [];
    private readonly string _address;
    private readonly string? _remoteKey;
    private readonly System.Net.IPAddress? _remoteIp;
    private volatile bool _native;
    private bool _styleSettled;
    private Member? _member;
    private SubscriberSink? _subscription;

    public JsonSession(
        ConnectionContext connection,
        ChatHub hub,
        CommandDispatcher dispatcher,
        SubscriberRegistry registry,
        ServerOptions options,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _hub = hub;
        _dispatcher = dispatcher;
        _registry = registry;
        _options = options;
        _time = time;
        _logger = logger;
        _outbox = new Outbox(options.OutboxCapacity);
        _reader = new JsonFrameReader(options.MaxJsonFrameBytes);
        _address = connection.RemoteEndPoint?.ToString() ?? connection.ConnectionId;
        _remoteKey = SubscriberAddress.KeyOf(connection.RemoteEndPoint);
        _remoteIp = RemoteIp(connection.RemoteEndPoint);
    }

    private PipeReader Input => _connection.Transport.Input;

    private PipeWriter Output => _connection.Transport.Output;

    private IEventEncoder Encoder => _native ? JsonEventEncoder.Instance : JsonSeedEventEncoder.Instance;

    private string Who => _member?.Nick ?? _subscription?.Member?.Nick ?? _address;

    public async Task RunAsync()
    {
        var aborted = _connection.ConnectionClosed;
        var reason = "connection closed";
        // Not cancelled by ConnectionClosed: a client's FIN only ends its sending side, and the read loop must
        // still see the frames that came before it. The writer ends when the outbox is completed or the
        // transport fails; CloseAsync bounds the wait.
        var writer = _outbox.RunWriterAsync(Output, new StyleEncoder(this), TimeSpan.Zero, _time, CancellationToken.None);
        _ = writer.ContinueWith(static (_, input) => ((PipeReader)input!).CancelPendingRead(), Input, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            reason = await ReadLoopAsync(writer, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or OperationCanceledException or ConnectionAbortedException)
        {
            LogConnectionError(_address, ex.Message);
        }
        finally
        {
            _subscription?.Unbind(this);
            if (_member is not null)
            {
                _hub.Leave(_member, reason);
            }
        }

        await CloseAsync(writer).ConfigureAwait(false);
    }

    public bool TryDeliver(ChatEvent chatEvent) => TryForward(chatEvent);

    public void Complete() => _outbox.Complete();

    public bool TryForward(ChatEvent chatEvent)
    {
        switch (_outbox.TryEnqueue(chatEvent))
        {
            case EnqueueResult.Queued:
                return true;
            case EnqueueResult.Closed:
                return false;
        }

        LogSlowConsumer(Who, _outbox.Capacity);
        _outbox.Complete();
        _connection.Abort(new ConnectionAbortedException("slow consumer: outbox full"));
        return false;
    }

    public void CompleteForwarding() => _outbox.Complete();

    /// <summary>Picks the style while it is still open to choice: before the connection is a member's sink or a
    /// subscription's channel, only this session's own replies are queued, already encoded.</summary>
    private void PreferStyle(bool native)
    {
        if (!_styleSettled)
        {
            _native = native;
        }
    }

    private void SettleStyle(bool native)
    {
        PreferStyle(native);
        _styleSettled = true;
    }

    /// <summary>An answer for this connection alone, encoded now in the connection's style.</summary>
    private void Reply(ChatEvent chatEvent) => _outbox.TryEnqueue(OutboundItem.Raw(Encoder.Encode(chatEvent)));

    private void ReplyError(string code, string text) => Reply(new ErrorNotice(code, text, _hub.Now));

    private void ReplyRaw(Action<System.Buffers.IBufferWriter<byte>> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        write(buffer);
        _outbox.TryEnqueue(OutboundItem.Raw(buffer.WrittenMemory));
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
            LogFlushTimeout(Who);
            _connection.Abort(new ConnectionAbortedException("outbox not drained in time"));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ConnectionResetException)
        {
            LogConnectionError(_address, ex.Message);
        }

        await Output.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>The writer's encoder: the connection's style, read per event. Safe because the style is settled
    /// before any hub event can be queued here (see <see cref="PreferStyle"/>).</summary>
    private sealed class StyleEncoder(JsonSession session) : IEventEncoder
    {
        public WireFormat Format => session.Encoder.Format;

        public ReadOnlyMemory<byte> Encode(ChatEvent chatEvent) => session.Encoder.Encode(chatEvent);
    }
}
