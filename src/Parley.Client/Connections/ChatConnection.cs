using System.Net.Sockets;
using System.Threading.Channels;

namespace Parley.Client.Connections;

/// <summary>
/// What every wire format's <see cref="IChatConnection"/> shares: the TCP connection, the bounded event queue,
/// one read loop that owns the input, leaving politely (say goodbye, then wait for the server to close), and
/// reporting a lost connection. A subclass supplies the handshake, the next event from the wire and the goodbye.
/// </summary>
public abstract class ChatConnection : IChatConnection
{
    // Bounded so a flood from the server is held back in TCP instead of in our memory.
    private const int EventQueueCapacity = 1024;

    private readonly Channel<ClientEvent> _events = Channel.CreateBounded<ClientEvent>(
        new BoundedChannelOptions(EventQueueCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stopping = new();
    private TcpClient? _client;
    private Task _readLoop = Task.CompletedTask;
    private volatile bool _leaving;
    private bool _connected;

    public ChannelReader<ClientEvent> Events => _events.Reader;

    /// <summary>Events the handshake saw before the read loop starts (e.g. the welcome).</summary>
    protected ChannelWriter<ClientEvent> EarlyEvents => _events.Writer;

    public async Task ConnectAsync(ChatEndpoint endpoint, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _client = await TcpConnector.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var stream = await TcpConnector.SecureAsync(_client, endpoint, cancellationToken).ConfigureAwait(false);
        await HandshakeAsync(stream, endpoint, name, cancellationToken).ConfigureAwait(false);
        _connected = true;
        _readLoop = ReadLoopAsync(_stopping.Token);
    }

    public abstract ValueTask SendAsync(string text, CancellationToken cancellationToken);

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_leaving || !_connected)
        {
            return;
        }

        _leaving = true;
        try
        {
            await SayGoodbyeAsync(cancellationToken).ConfigureAwait(false);
            if (!ServerClosesAfterGoodbye)
            {
                await _stopping.CancelAsync().ConfigureAwait(false);
            }

            // The server answers with its goodbye and closes; wait for that so the goodbye is shown.
            await _readLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Leaving anyway: a dead or slow server must not keep the user from quitting.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _leaving = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _client?.Dispose();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        DisposeWriter();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// False for a dialect without a goodbye (seed 003 clients just close): nothing more is read after
    /// <see cref="SayGoodbyeAsync"/>, since the server may never close its side.
    /// </summary>
    protected virtual bool ServerClosesAfterGoodbye => true;

    /// <summary>Registers <paramref name="name"/>; throws <see cref="ChatConnectException"/> when refused.</summary>
    protected abstract Task HandshakeAsync(Stream stream, ChatEndpoint endpoint, string name, CancellationToken cancellationToken);

    /// <summary>The connection's socket (for a half-close), once connected.</summary>
    protected Socket? Socket => _client?.Client;

    /// <summary>The next event to show, <see cref="WireEvent.Skip"/> for a frame with nothing to show, or
    /// <see cref="WireEvent.End"/> at the end of the stream.</summary>
    protected abstract ValueTask<WireEvent> ReadEventAsync(CancellationToken cancellationToken);

    protected abstract Task SayGoodbyeAsync(CancellationToken cancellationToken);

    protected abstract void DisposeWriter();

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        ClientEvent? last = null;
        string lostReason = "the server closed the connection";
        try
        {
            while (await ReadEventAsync(cancellationToken).ConfigureAwait(false) is { IsEnd: false } next)
            {
                if (next.Event is not { } clientEvent)
                {
                    continue;
                }

                last = clientEvent;
                await _events.Writer.WriteAsync(clientEvent, cancellationToken).ConfigureAwait(false);
                if (clientEvent is ServerShuttingDown)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException or ObjectDisposedException)
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

        _events.Writer.TryComplete();
    }
}
