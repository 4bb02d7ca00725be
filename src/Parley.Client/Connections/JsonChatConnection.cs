using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

using Parley.Protocols.Json;

namespace Parley.Client.Connections;

/// <summary>
/// <see cref="IChatConnection"/> over the native JSON-lines protocol (docs/protocol-json.md): a hello handshake,
/// typed commands sent as structured frames (<see cref="JsonCommandTable"/>), server frames read with the
/// protocol's own framing and mapped by <see cref="ServerFrameMapper"/>. One read loop owns the input.
/// </summary>
public sealed class JsonChatConnection : IChatConnection
{
    // Bounded so a flood from the server is held back in TCP instead of in our memory.
    private const int EventQueueCapacity = 1024;

    private readonly Channel<ClientEvent> _events = Channel.CreateBounded<ClientEvent>(
        new BoundedChannelOptions(EventQueueCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _stopping = new();
    private readonly int _maxFrameSize;
    private TcpClient? _client;
    private JsonFrameStream? _input;
    private FrameWriter? _output;
    private Task _readLoop = Task.CompletedTask;
    private volatile bool _leaving;

    public JsonChatConnection(int maxFrameSize = JsonProtocol.DefaultMaxFrameSize)
    {
        _maxFrameSize = maxFrameSize;
    }

    public ChannelReader<ClientEvent> Events => _events.Reader;

    public async Task ConnectAsync(ChatEndpoint endpoint, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _client = await TcpConnector.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var stream = _client.GetStream();
        _input = new JsonFrameStream(PipeReader.Create(stream), _maxFrameSize);
        _output = new FrameWriter(PipeWriter.Create(stream));

        await _output.WriteAsync(JsonRequestWriter.WriteHello, name, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var frame = await _input.ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new ChatConnectException($"{endpoint} closed the connection before answering the hello");
            var clientEvent = ServerFrameMapper.Map(frame);
            if (clientEvent is ErrorReceived error)
            {
                // The server keeps the connection open after a refusal; we give up instead of asking again.
                throw new ChatConnectException(DescribeRefusal(error, name));
            }

            if (clientEvent is not null)
            {
                _events.Writer.TryWrite(clientEvent);
            }

            if (clientEvent is Welcomed)
            {
                break;
            }
        }

        _readLoop = ReadLoopAsync(_stopping.Token);
    }

    public ValueTask SendAsync(string text, CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("Not connected.");
        return new(output.WriteAsync(static (o, t) => JsonCommandTable.Write(t, o), text, cancellationToken));
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_leaving || _output is null)
        {
            return;
        }

        _leaving = true;
        try
        {
            await _output.WriteAsync(static (o, _) => JsonRequestWriter.WriteBare(o, "quit"), 0, cancellationToken).ConfigureAwait(false);

            // The server says goodbye and closes; wait for that so the goodbye is shown.
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
        _output?.Dispose();
    }

    internal static string DescribeRefusal(ErrorReceived error, string name) => error.Code switch
    {
        "nick-invalid" => $"registration refused: '{name}' is not a valid name ({error.Text})",
        "nick-taken" => $"registration refused: the name '{name}' is already taken ({error.Text})",
        _ => $"registration refused: {error.Text}",
    };

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        ClientEvent? last = null;
        string lostReason = "the server closed the connection";
        try
        {
            while (await _input!.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
            {
                if (ServerFrameMapper.Map(frame) is not { } clientEvent)
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
