using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

using Parley.Protocols.Json;

namespace Parley.Client.Connections;

/// <summary>
/// The seed's chat5.py as an <see cref="IChatConnection"/>: listens on a local address, subscribes with it
/// (<c>{"operation": "subscribe", "client": "127.0.0.1:PORT", "user": NAME}</c>), sends typed lines as seed
/// messages with <c>seq</c> from 0, and unsubscribes when leaving. Deliveries may arrive on the subscribing
/// connection or on connections the server opens to the listener; both feed <see cref="Events"/>.
/// There is no hello: the first message registers the name implicitly, as seed clients do.
/// </summary>
public sealed class SubscriberConnection : IChatConnection
{
    /// <summary>
    /// How long leaving waits for <c>{"type":"unsubscribed"}</c>: Parley answers at once, the seed's server5.py never
    /// does, and a user who typed <c>exit</c> must not wait for an answer that may not come.
    /// </summary>
    public static readonly TimeSpan DefaultUnsubscribeWait = TimeSpan.FromMilliseconds(250);

    private const int EventQueueCapacity = 1024;

    private readonly Channel<ClientEvent> _events = Channel.CreateBounded<ClientEvent>(
        new BoundedChannelOptions(EventQueueCapacity) { SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _unsubscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _listenHost;
    private readonly int _listenPort;
    private readonly int _maxFrameSize;
    private readonly TimeSpan _unsubscribeWait;
    private readonly DeliveryDeduplicator _deduplicator = new();
    private DeliveryListener? _listener;
    private TcpClient? _client;
    private JsonFrameStream? _input;
    private FrameWriter? _output;
    private string _name = string.Empty;
    private long _nextSeq;
    private Task _readLoop = Task.CompletedTask;
    private volatile bool _leaving;

    public SubscriberConnection(string listenHost, int listenPort, int maxFrameSize = JsonProtocol.DefaultMaxFrameSize, TimeSpan? unsubscribeWait = null)
    {
        ArgumentNullException.ThrowIfNull(listenHost);
        ArgumentOutOfRangeException.ThrowIfNegative(listenPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(listenPort, 65535);
        _listenHost = listenHost;
        _listenPort = listenPort;
        _maxFrameSize = maxFrameSize;
        _unsubscribeWait = unsubscribeWait ?? DefaultUnsubscribeWait;
    }

    public ChannelReader<ClientEvent> Events => _events.Reader;

    /// <summary>The address subscribed with (the real port when 0 was asked for); set by <see cref="ConnectAsync"/>.</summary>
    public string ClientAddress { get; private set; } = string.Empty;

    public async Task ConnectAsync(ChatEndpoint endpoint, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _listener = new DeliveryListener(await BindAsync(cancellationToken).ConfigureAwait(false), _events.Writer, _maxFrameSize, _deduplicator);
        _listener.Start();
        ClientAddress = new ChatEndpoint(_listenHost, _listener.LocalEndPoint.Port).ToString();

        _client = await TcpConnector.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var stream = _client.GetStream();
        _input = new JsonFrameStream(PipeReader.Create(stream), _maxFrameSize);
        _output = new FrameWriter(PipeWriter.Create(stream));
        _name = name;

        // No wait for {"type":"subscribed"}: the seed's server5.py never answers, and ours is shown when it comes.
        await _output.WriteAsync(static (o, s) => SeedMessageWriter.WriteOperation(o, "subscribe", s.Client, s.Name), (Client: ClientAddress, Name: name), cancellationToken)
            .ConfigureAwait(false);
        _readLoop = ReadLoopAsync(_stopping.Token);
    }

    public ValueTask SendAsync(string text, CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("Not connected.");

        // seq is taken under the writer's lock, so numbers go out in order.
        return new(output.WriteAsync(static (o, s) => SeedMessageWriter.Write(o, s.Self._nextSeq++, s.Self._name, s.Text), (Self: this, Text: text), cancellationToken));
    }

    /// <summary>
    /// Unsubscribes, waits at most the unsubscribe wait (and never past the token) for the acknowledgement or the
    /// server closing, then stops listening.
    /// </summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_leaving || _output is null)
        {
            return;
        }

        _leaving = true;
        try
        {
            await _output.WriteAsync(static (o, c) => SeedMessageWriter.WriteOperation(o, "unsubscribe", c, null), ClientAddress, cancellationToken).ConfigureAwait(false);
            await Task.WhenAny(_readLoop, _unsubscribed.Task).WaitAsync(_unsubscribeWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            // Leaving anyway: a dead, slow or seed server must not keep the user from quitting.
        }

        await StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _leaving = true;
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _output?.Dispose();
    }

    private async Task StopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        _client?.Dispose();
        if (_listener is not null)
        {
            await _listener.StopAsync().ConfigureAwait(false);
        }

        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _events.Writer.TryComplete();
    }

    private async Task<Socket> BindAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.TryParse(_listenHost, out var parsed)
            ? parsed
            : (await Dns.GetHostAddressesAsync(_listenHost, cancellationToken).ConfigureAwait(false))[0];
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, _listenPort));
            socket.Listen(backlog: 16);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ChatConnectException($"cannot listen on {new ChatEndpoint(_listenHost, _listenPort)}: {ex.Message}", ex);
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        ClientEvent? last = null;
        string lostReason = "the server closed the connection";
        try
        {
            while (await _input!.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
            {
                if (!_deduplicator.IsFirstCopy(frame) || ServerFrameMapper.Map(frame, seedStyle: true) is not { } clientEvent)
                {
                    continue;
                }

                last = clientEvent;
                await _events.Writer.WriteAsync(clientEvent, cancellationToken).ConfigureAwait(false);
                if (clientEvent is SubscriptionChanged { IsSubscribed: false })
                {
                    _unsubscribed.TrySetResult();
                }
                else if (clientEvent is ServerShuttingDown)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException or ObjectDisposedException or ChannelClosedException)
        {
            lostReason = ex.Message;
        }
        catch (OperationCanceledException)
        {
        }

        if (last is not ServerShuttingDown && !_leaving && !cancellationToken.IsCancellationRequested)
        {
            _events.Writer.TryWrite(new ConnectionLost(lostReason));
        }

        // Inbound deliveries stop with the session: once the server is gone or said goodbye, nothing more is shown.
        _events.Writer.TryComplete();
    }
}
