using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Parley.Server.Transport;

/// <summary>
/// The send side of a plain TCP connection without Kestrel's output pipe in between: bytes written are staged in a
/// buffer rented for the moment, and a flush hands them to the kernel at once, on the flushing thread, with one
/// non-blocking send(2). Only when the kernel will not take everything does the rest go out asynchronously (the
/// flush then completes later, which is how <see cref="Connections.ConnectionOutput"/> knows the peer is behind).
/// An idle connection holds no buffer. Saves, per flush, the pipe's hand-over to Kestrel's send loop and its
/// socket-event machinery (docs/benchmarks.md). Completing this writer completes Kestrel's own output, which
/// closes the connection as before.
/// Not thread-safe: one writer at a time, and no write while a flush is pending (ConnectionOutput's contract).
/// </summary>
public sealed class SocketPipeWriter : PipeWriter
{
    private const int MinimumBuffer = 512;

    private readonly Socket _socket;
    private readonly PipeWriter _transport;
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private bool _sending;
    private bool _completed;

    /// <summary>The TCP socket under a connection (or a request on it) when its bytes go to that socket unchanged:
    /// Kestrel's socket transport, and no TLS in between (TLS rewrites the bytes). Null otherwise.</summary>
    public static Socket? BareSocketOf(IFeatureCollection features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return features.Get<ITlsConnectionFeature>() is null && features.Get<ITlsHandshakeFeature>() is null
            ? features.Get<IConnectionSocketFeature>()?.Socket
            : null;
    }

    /// <param name="socket">The connection's socket; switched to non-blocking mode.</param>
    /// <param name="transport">Kestrel's output for the connection: never written, completed with this writer.</param>
    public SocketPipeWriter(Socket socket, PipeWriter transport)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(transport);
        _socket = socket;
        _transport = transport;
        _socket.Blocking = false;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, MinimumBuffer));
        }
        else if (_buffer.Length - _end < sizeHint)
        {
            var pending = _end - _start;
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, pending + sizeHint));
            _buffer.AsSpan(_start, pending).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
            _start = 0;
            _end = pending;
        }

        return _buffer.AsMemory(_end);
    }

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (_buffer is null || _end + bytes > _buffer.Length)
        {
            throw new InvalidOperationException("Advanced past the memory handed out.");
        }

        _end += bytes;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return new(new FlushResult(isCanceled: false, isCompleted: true));
        }

        while (_start < _end)
        {
            var sent = _socket.Send(_buffer.AsSpan(_start, _end - _start), SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                _start += sent;
            }
            else if (error == SocketError.WouldBlock)
            {
                _sending = true;
                return new(SendRestAsync(cancellationToken));
            }
            else if (error != SocketError.Interrupted)
            {
                // Reset, broken pipe, shut down: the connection is over (its read side notices too).
                return new(new FlushResult(isCanceled: false, isCompleted: true));
            }
        }

        ReleaseBuffer();
        return new(default(FlushResult));
    }

    public override void CancelPendingFlush()
    {
        // Nothing to wake: a pending flush is a send in the kernel's hands; closing the connection ends it.
    }

    public override void Complete(Exception? exception = null)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (!_sending)
        {
            ReleaseBuffer();
        }

        _transport.Complete(exception);
    }

    private async Task<FlushResult> SendRestAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (_start < _end && !_completed)
            {
                _start += await _socket.SendAsync(_buffer.AsMemory(_start, _end - _start), SocketFlags.None, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return new FlushResult(isCanceled: false, isCompleted: true);
        }
        finally
        {
            _sending = false;
        }

        if (_completed)
        {
            // Completed while the send was in flight: the buffer is the garbage collector's now, never the pool's.
            _buffer = null;
            return new FlushResult(isCanceled: false, isCompleted: true);
        }

        ReleaseBuffer();
        return default;
    }

    private void ReleaseBuffer()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }

        _start = _end = 0;
    }
}
