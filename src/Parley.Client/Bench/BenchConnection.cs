using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Client.Bench;

/// <summary>
/// One bench client: a raw socket, one pooled receive buffer, line splitting over bytes. During the
/// handshake the dialect reads lines as strings; after it, <see cref="RunAsync"/> reads for as long as the
/// connection lives, finds each payload's timestamp, records the latency and answers pings, allocating nothing.
/// </summary>
public sealed partial class BenchConnection : IAsyncDisposable
{
    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private readonly Socket _socket;
    private readonly IBenchDialect _dialect;
    private readonly int _stripe;
    private readonly LatencyBatch _latencies = new();
    private byte[] _buffer;
    private int _start;
    private int _end;

    // Where the bytes that are lines end: _end, except over a WebSocket, where [_lines, _end) is a partial frame.
    private int _lines;
    private WebSocketFrameDecoder? _webSocket;
    private bool _discardingLongLine;
    private long _delivered;
    private long _received;
    private string? _lastError;
    private long _bytes;

    // Rarely needed (IRC keep-alives), so it is allocated on first use.
    private byte[] _pong = [];

    private BenchConnection(Socket socket, IBenchDialect dialect, int index, int bufferSize)
    {
        _socket = socket;
        _dialect = dialect;
        Index = index;
        _stripe = index;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    public int Index { get; }

    public Socket Socket => _socket;

    /// <summary>Payloads received whose send time is inside the measured window.</summary>
    public long Delivered => Volatile.Read(ref _delivered);

    /// <summary>Payloads received at all (progress display).</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Bytes received so far (tells when a join storm has settled).</summary>
    public long BytesReceived => Volatile.Read(ref _bytes);

    internal IBenchDialect Dialect => _dialect;

    internal static async Task<BenchConnection> OpenAsync(
        IPEndPoint server, IBenchDialect dialect, int index, string nick, int bufferSize, CancellationToken cancellationToken)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connection = new BenchConnection(socket, dialect, index, bufferSize);
        try
        {
            await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            if (dialect is WebSocketBenchDialect)
            {
                await connection.UpgradeAsync(server, cancellationToken).ConfigureAwait(false);
            }

            await dialect.HandshakeAsync(connection, nick, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        SendAllAsync(bytes, cancellationToken);

    /// <summary>Handshake only: the next line as text (terminator removed), or null when the server closed.</summary>
    internal async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _lines - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = TrimCr(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                return Encoding.UTF8.GetString(line);
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    /// <summary>Handshake only: waits for <paramref name="prefix"/> (which may come without a newline, as the
    /// text port's NICK prompt does) and consumes it; false when something else came first or the server closed.</summary>
    internal async ValueTask<bool> ReadPrefixAsync(byte[] prefix, CancellationToken cancellationToken)
    {
        while (_lines - _start < prefix.Length)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        if (!_buffer.AsSpan(_start, prefix.Length).SequenceEqual(prefix))
        {
            return false;
        }

        _start += prefix.Length;
        return true;
    }

    /// <summary>Reads until the server closes or <paramref name="cancellationToken"/> fires; never throws.</summary>
    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        string reason;
        try
        {
            if (context.Arrivals is not null)
            {
                StartArrivalTimes();
            }

            while (true)
            {
                var pong = ProcessLines(context);
                if (pong > 0)
                {
                    await SendAllAsync(_pong.AsMemory(0, pong), cancellationToken).ConfigureAwait(false);
                }

                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    reason = _lastError ?? "closed by the server";
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (SocketException ex)
        {
            reason = _lastError ?? ex.Message;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        if (!context.Stopping)
        {
            context.Disconnects.Add(reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>Handles every complete line in the buffer; returns the length of a pong to send, or 0.</summary>
    private int ProcessLines(BenchContext context)
    {
        var pongLength = 0;
        var now = Stopwatch.GetTimestamp();
        var window = context.Window;
        long delivered = 0;
        long received = 0;
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _lines - _start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            _start += newline + 1;
            if (_discardingLongLine)
            {
                _discardingLongLine = false;
                continue;
            }

            var line = TrimCr(pending[..newline]);
            if (BenchPayload.TryRead(line, out var sent))
            {
                received++;
                if (window.Contains(sent))
                {
                    delivered++;
                    _latencies.Add((long)((now - sent) * MicrosecondsPerTick), context.Latencies, _stripe);
                    RecordArrival(sent, context);
                }

                continue;
            }

            switch (_dialect.Classify(line))
            {
                case LineKind.Ping:
                    if (_pong.Length == 0)
                    {
                        _pong = new byte[1024];
                    }

                    pongLength = _dialect.WritePong(line, _pong);
                    break;
                case LineKind.Error:
                    _lastError ??= Encoding.UTF8.GetString(line.Length > 200 ? line[..200] : line);
                    break;
            }
        }

        _latencies.Flush(context.Latencies, _stripe);
        _arrivals?.Flush(context.Arrivals!, _stripe);

        Volatile.Write(ref _delivered, _delivered + delivered);
        Volatile.Write(ref _received, _received + received);
        return pongLength;
    }

    /// <summary>Moves the unread tail to the front and receives more; false when the server closed.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _lines -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the whole buffer carries no payload we sent: drop it up to its newline.
            // (Over a WebSocket the bench's own messages are far smaller than the buffer.)
            _end = _lines = 0;
            _discardingLongLine = true;
        }

        var read = _arrivals is null
            ? await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false)
            : await ReceiveStampedAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return false;
        }

        _end += read;
        Volatile.Write(ref _bytes, _bytes + read);
        if (_webSocket is null)
        {
            _lines = _end;
            return true;
        }

        _lines = _webSocket.Decode(_buffer, _lines, ref _end);
        return !_webSocket.Closed || _lines > _start;
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
