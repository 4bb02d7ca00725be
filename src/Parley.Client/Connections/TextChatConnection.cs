using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

using Parley.Protocols.Text;

namespace Parley.Client.Connections;

/// <summary>
/// <see cref="IChatConnection"/> over the newline-framed text (REGISTER) dialect, with pipelines over a
/// <see cref="NetworkStream"/>. One read loop owns the <see cref="PipeReader"/>; writes are serialised by
/// <see cref="_writeLock"/> because Ctrl+C may disconnect while a send is in flight.
/// </summary>
public sealed class TextChatConnection : IChatConnection
{
    // Bounded so a flood from the server is held back in TCP instead of in our memory.
    private const int EventQueueCapacity = 1024;

    private readonly Channel<ClientEvent> _events = Channel.CreateBounded<ClientEvent>(
        new BoundedChannelOptions(EventQueueCapacity) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    /// <summary>Longest line accepted from the server; a longer one is skipped.</summary>
    public const int DefaultMaxLineBytes = 64 * 1024;

    private readonly TextLineReader _frames;
    private TcpClient? _client;
    private PipeReader? _input;
    private PipeWriter? _output;
    private string _name = string.Empty;
    private Task _readLoop = Task.CompletedTask;
    private volatile bool _leaving;

    public TextChatConnection(int maxLineBytes = DefaultMaxLineBytes)
    {
        _frames = new TextLineReader(maxLineBytes);
    }

    public ChannelReader<ClientEvent> Events => _events.Reader;

    public async Task ConnectAsync(ChatEndpoint endpoint, string name, CancellationToken cancellationToken)
    {
        // The parameterless TcpClient picks the address family per resolved address, so "localhost" works
        // whether the server listens on 127.0.0.1 or ::1.
        _client = new TcpClient();
        try
        {
            await _client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken).ConfigureAwait(false);
            _client.NoDelay = true;
        }
        catch (SocketException ex)
        {
            throw new ChatConnectException($"cannot connect to {endpoint}: {ex.Message}", ex);
        }

        var stream = _client.GetStream();
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
        _name = name;

        await WriteAsync(static (n, _, o) => TextLineWriter.WriteRegister(n, o), name, string.Empty, cancellationToken).ConfigureAwait(false);
        var reply = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new ChatConnectException($"{endpoint} closed the connection before answering the registration");
        if (!reply.StartsWith("200", StringComparison.Ordinal))
        {
            throw new ChatConnectException(DescribeRefusal(reply, name));
        }

        _readLoop = ReadLoopAsync(_stopping.Token);
    }

    public ValueTask SendAsync(string text, CancellationToken cancellationToken) =>
        new(WriteAsync(static (n, t, o) => TextLineWriter.WriteMessage(n, t, o), _name, text, cancellationToken));

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_leaving || _output is null)
        {
            return;
        }

        _leaving = true;
        try
        {
            await WriteAsync(static (n, _, o) => TextLineWriter.WriteDisconnect(n, o), _name, string.Empty, cancellationToken).ConfigureAwait(false);

            // The server answers "Bye from Server" and closes; wait for that so the goodbye is shown.
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
        _writeLock.Dispose();
    }

    internal static string DescribeRefusal(string reply, string name) => reply switch
    {
        _ when reply.StartsWith("400", StringComparison.Ordinal) => $"registration refused: '{name}' is not a valid name ({reply})",
        _ when reply.StartsWith("401", StringComparison.Ordinal) => $"registration refused: the name '{name}' is already taken ({reply})",
        _ => $"registration refused: unexpected reply '{reply}'",
    };

    private async Task WriteAsync(Action<string, string, IBufferWriter<byte>> encode, string name, string text, CancellationToken cancellationToken)
    {
        var output = _output ?? throw new InvalidOperationException("Not connected.");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            encode(name, text, output);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        ClientEvent? last = null;
        string lostReason = "the server closed the connection";
        try
        {
            while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                last = TextLineParser.Parse(line);
                await _events.Writer.WriteAsync(last, cancellationToken).ConfigureAwait(false);
                if (last is ServerShuttingDown)
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

    /// <summary>Returns the next whole line, or null at end of stream. Only the read loop (or ConnectAsync before it starts) calls this.</summary>
    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var input = _input!;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.Start;
            if (_frames.TryParse(buffer, ref consumed, ref examined, out var line))
            {
                input.AdvanceTo(consumed, examined);
                if (line.TooLong)
                {
                    // Skipped up to its end by the reader; the next line is read normally.
                    continue;
                }

                return line.Text;
            }

            input.AdvanceTo(consumed, examined);

            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }
}
