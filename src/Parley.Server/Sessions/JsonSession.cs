using System.IO.Pipelines;

using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

using Parley.Core.Commands;
using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Protocols.Json;
using Parley.Server.Connections;
using Parley.Server.Hosting;
using Parley.Server.Subscriptions;

namespace Parley.Server.Sessions;

/// <summary>
/// The JSON listener's protocol adapter (docs/protocol-json.md). A connection is native once it said hello
/// (typed frames) and seed-style otherwise (every frame message-shaped, for clients that only print
/// msg["user"] and msg["message"]). The style is settled before the connection can receive any hub event and
/// never changes after. Sending, back-pressure, timeouts and closing are the connection core's
/// (<see cref="ClientConnection"/>); this class supplies the framing, the encoder and the handshake.
/// </summary>
public sealed partial class JsonSession : IMemberSink, ISubscriptionChannel, IConnectionProtocol
{
    private readonly ClientConnection _connection;
    private readonly ChatHub _hub;
    private readonly CommandDispatcher _dispatcher;
    private readonly SubscriberRegistry _registry;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JsonFrameReader _reader;
    private readonly List<JsonFrame> _frames = [];
    private readonly string? _remoteKey;
    private readonly System.Net.IPAddress? _remoteIp;
    private volatile bool _native;
    private bool _styleSettled;
    private Member? _member;
    private SubscriberSink? _subscription;

    public JsonSession(
        ClientConnection connection,
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
        _reader = new JsonFrameReader(options.MaxJsonFrameBytes);
        _remoteKey = SubscriberAddress.KeyOf(connection.RemoteEndPoint);
        _remoteIp = SubscriberAddress.IpOf(connection.RemoteEndPoint);
        connection.Attach(this);
    }

    /// <summary>Read per event by the core. Safe because the style is settled before any hub event can be
    /// delivered here (see <see cref="PreferStyle"/>).</summary>
    public IEventEncoder Encoder => _native ? JsonEventEncoder.Instance : JsonSeedEventEncoder.Instance;

    public string Who => _member?.Nick ?? _subscription?.Member?.Nick ?? _connection.Address;

    private string Address => _connection.Address;

    private PipeReader Input => _connection.Input;

    public async Task RunAsync()
    {
        var aborted = _connection.Aborted;
        var reason = "connection closed";
        try
        {
            reason = await ReadLoopAsync(aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or OperationCanceledException or ConnectionAbortedException)
        {
            LogConnectionError(Address, ex.Message);
        }
        finally
        {
            _subscription?.Unbind(this);
            if (_member is not null)
            {
                _hub.Leave(_member, _connection.DepartureReason ?? reason);
            }
        }
    }

    public bool TryDeliver(ChatEvent chatEvent) => _connection.TryDeliver(chatEvent);

    public bool TryDeliverMany(ReadOnlySpan<ChatEvent> chatEvents) => _connection.TryDeliverMany(chatEvents);

    public void Complete() => _connection.CompleteSending();

    public bool TryForward(ChatEvent chatEvent) => _connection.TryDeliver(chatEvent);

    public void CompleteForwarding() => _connection.CompleteSending();

    /// <summary>Picks the style while it is still open to choice: before the connection is a member's sink or a
    /// subscription's channel, only this session's own replies are sent, already encoded.</summary>
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
    private void Reply(ChatEvent chatEvent) => _connection.SendOwn(chatEvent);

    private void ReplyError(string code, string text) => Reply(new ErrorNotice(code, text, _hub.Now));

    private void ReplyRaw(Action<System.Buffers.IBufferWriter<byte>> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        write(buffer);
        _connection.Send(buffer.WrittenMemory);
    }
}
