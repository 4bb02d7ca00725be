using System.Buffers;

namespace Parley.Server.Web;

/// <summary>
/// The upgraded connection's stream under the WebSocket. The send pump writes its text frames here itself
/// (<see cref="WriteTextFrameAsync"/>, RFC 6455 §5.2, unmasked as a server's are), into a pooled buffer that
/// <see cref="FlushFramesAsync"/> writes as one piece: the lines of one drained batch leave in one write, as the
/// connection core's flushes do for TCP clients, instead of one WebSocket send per message. The
/// <see cref="System.Net.WebSockets.WebSocket"/> on top still writes its own control frames (keep-alive pings,
/// the close frame) through <see cref="WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>, each in one call;
/// a semaphore orders those writes and the pump's whole frames, so frames never interleave. Reads pass through.
/// </summary>
internal sealed class BatchingStream(Stream inner) : Stream
{
    private const int FlushAt = 64 * 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);

    // Only the send pump writes frames, one at a time.
    private readonly byte[] _header = new byte[10];
    private byte[]? _pending;
    private int _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Queues one final text frame holding <paramref name="payload"/> (written at once past 64 KiB).</summary>
    public async ValueTask WriteTextFrameAsync(ReadOnlySequence<byte> payload)
    {
        var headerLength = WriteHeader(_header, payload.Length);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var size = headerLength + (int)payload.Length;
            if (_length + size > FlushAt)
            {
                await WritePendingAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (size > FlushAt)
            {
                await inner.WriteAsync(_header.AsMemory(0, headerLength)).ConfigureAwait(false);
                foreach (var segment in payload)
                {
                    await inner.WriteAsync(segment).ConfigureAwait(false);
                }

                return;
            }

            _pending ??= ArrayPool<byte>.Shared.Rent(FlushAt);
            _header.AsSpan(0, headerLength).CopyTo(_pending.AsSpan(_length));
            payload.CopyTo(_pending.AsSpan(_length + headerLength));
            _length += size;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the queued frames as one piece.</summary>
    public async ValueTask FlushFramesAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await WritePendingAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WritePendingAsync(cancellationToken).ConfigureAwait(false);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReturnBuffer();
            inner.Dispose();
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    // Under _gate. The buffer goes back to the pool once written: an idle connection holds none.
    private async ValueTask WritePendingAsync(CancellationToken cancellationToken)
    {
        if (_length > 0)
        {
            var length = _length;
            _length = 0;
            await inner.WriteAsync(_pending.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }

        ReturnBuffer();
    }

    // FIN + text opcode, then the shortest length form: 7 bits, 126 + 16 bits, or 127 + 64 bits.
    private static int WriteHeader(Span<byte> header, long length)
    {
        header[0] = 0x81;
        if (length <= 125)
        {
            header[1] = (byte)length;
            return 2;
        }

        if (length <= ushort.MaxValue)
        {
            header[1] = 126;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)length);
            return 4;
        }

        header[1] = 127;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)length);
        return 10;
    }

    private void ReturnBuffer()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            _length = 0;
            ArrayPool<byte>.Shared.Return(pending);
        }
    }
}
