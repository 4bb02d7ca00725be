using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.InteropServices;

using Parley.Server.Connections;

namespace Parley.Server.Web;

/// <summary>
/// The WebSocket's send side, handed to the connection core as its <see cref="IMessageFraming"/>. The core writes
/// every event straight into the upgraded HTTP connection's output with a text-frame header in front of the
/// already-encoded JSON bytes (server frames are unmasked, RFC 6455 §5.1, so header + cached payload is the whole
/// frame); a batch the core drains is one write holding several messages. The frames the
/// <see cref="System.Net.WebSockets.WebSocket"/> writes itself (pings, pongs, the close frame) arrive through
/// <see cref="SendAsync"/> and go through the core's queue too, so the two writers never interleave; before the
/// core exists, or once it stopped taking bytes, they wait here, and after <see cref="CoreDoneAsync"/> they are
/// written to the transport directly (the close handshake follows the core's last bytes).
/// Locks: <see cref="_lock"/> guards the fields below it and is taken before the core's own lock, never inside it.
/// </summary>
internal sealed class WebSocketFraming(PipeWriter transport) : IMessageFraming
{
    private const int MaxHeaderBytes = 10;

    private readonly PipeWriter _transport = transport;
    private readonly SemaphoreSlim _direct = new(1, 1);
    private readonly Lock _lock = new();
    private ClientConnection? _core;
    private bool _coreDone;
    private List<ReadOnlyMemory<byte>>? _waiting;

    public void Write(IBufferWriter<byte> output, ReadOnlyMemory<byte> message)
    {
        if (MemoryMarshal.TryGetMemoryManager<byte, ControlFrame>(message, out _))
        {
            output.Write(message.Span);
            return;
        }

        // The JSON encoder ends every object with '\n' (the line protocol's frame end); a WebSocket message is the object alone.
        var payload = message.Span;
        if (!payload.IsEmpty && payload[^1] == (byte)'\n')
        {
            payload = payload[..^1];
        }

        output.Advance(WriteHeader(output.GetSpan(MaxHeaderBytes), payload.Length));
        output.Write(payload);
    }

    public void Bind(ClientConnection connection)
    {
        lock (_lock)
        {
            _core = connection;
            var waiting = _waiting;
            _waiting = null;
            if (waiting is not null)
            {
                foreach (var frame in waiting)
                {
                    SendLocked(frame);
                }
            }
        }
    }

    /// <summary>A frame the WebSocket wrote (already framed); copied, so the caller may reuse its buffer at once.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var copy = ControlFrame.Copy(frame.Span);
        lock (_lock)
        {
            if (!_coreDone)
            {
                SendLocked(copy);
                return;
            }
        }

        await WriteDirectAsync(copy, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The core is done with the output (its session ended and its last bytes are out): what waited is
    /// written now, and every later frame goes straight to the transport.</summary>
    public Task CoreDoneAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _coreDone = true;
        }

        return WriteDirectAsync(ReadOnlyMemory<byte>.Empty, cancellationToken).AsTask();
    }

    // Under _lock. Once one frame waits, later ones wait behind it, so the WebSocket's frames keep their order.
    private void SendLocked(ReadOnlyMemory<byte> frame)
    {
        if (_waiting is null && _core is { } core && core.Send(frame))
        {
            return;
        }

        (_waiting ??= []).Add(frame);
    }

    private async ValueTask WriteDirectAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _direct.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<ReadOnlyMemory<byte>>? waiting;
            lock (_lock)
            {
                waiting = _waiting;
                _waiting = null;
            }

            if (waiting is not null)
            {
                foreach (var earlier in waiting)
                {
                    _transport.Write(earlier.Span);
                }
            }

            if (!frame.IsEmpty)
            {
                _transport.Write(frame.Span);
            }

            if (waiting is not null || !frame.IsEmpty)
            {
                var result = await _transport.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (result.IsCompleted || result.IsCanceled)
                {
                    throw new IOException("The WebSocket's connection is closed.");
                }
            }
        }
        finally
        {
            _direct.Release();
        }
    }

    // FIN + text opcode, then the shortest length form (RFC 6455 §5.2): 7 bits, 126 + 16 bits, or 127 + 64 bits.
    private static int WriteHeader(Span<byte> header, int length)
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
            BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)length);
            return 4;
        }

        header[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(header[2..], (ulong)length);
        return 10;
    }
}
