using System.Text;

namespace Parley.Client.Bench;

/// <summary>
/// The server's <c>/ws</c> endpoint (docs/protocol.md, "WebSocket"): the native JSON dialect, one object per
/// WebSocket text message. Client frames are masked as RFC 6455 §5.3 requires, with the all-zero key, so the
/// payload bytes stay as written and a sender can still rewrite only the timestamp; a load generator has no
/// proxy cache to protect, which is what the random key is for. The upgrade itself is <see cref="BenchConnection"/>'s.
/// </summary>
internal sealed class WebSocketBenchDialect : IBenchDialect
{
    private const byte FinText = 0x81;
    private const byte Masked = 0x80;

    private static ReadOnlySpan<byte> Prefix => "{\"type\":\"message\",\"message\":\""u8;

    private static ReadOnlySpan<byte> Suffix => "\"}"u8;

    private readonly int _header;

    /// <param name="payloadBytes">Every message's payload size (fixed for a run), which fixes the frame header's size.</param>
    public WebSocketBenchDialect(int payloadBytes) => _header = HeaderLength(Prefix.Length + payloadBytes + Suffix.Length);

    public int FrameOverhead => _header + Prefix.Length + Suffix.Length;

    public int PayloadOffset => _header + Prefix.Length;

    public async Task HandshakeAsync(BenchConnection connection, string nick, CancellationToken cancellationToken)
    {
        var hello = Encoding.ASCII.GetBytes($$"""{"type":"hello","user":"{{nick}}","version":1}""");
        var frame = new byte[HeaderLength(hello.Length) + hello.Length];
        var at = WriteHeader(frame, hello.Length);
        hello.CopyTo(frame.AsSpan(at));
        await connection.SendAsync(frame, cancellationToken).ConfigureAwait(false);
        while (await connection.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Contains("\"type\":\"welcome\"", StringComparison.Ordinal))
            {
                return;
            }

            if (line.Contains("\"type\":\"error\"", StringComparison.Ordinal))
            {
                throw new BenchHandshakeException($"{nick} refused: {line}");
            }
        }

        throw new BenchHandshakeException($"{nick}: the server closed during the handshake");
    }

    public int WriteMessage(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        var at = WriteHeader(destination, Prefix.Length + payload.Length + Suffix.Length);
        Prefix.CopyTo(destination[at..]);
        payload.CopyTo(destination[(at + Prefix.Length)..]);
        Suffix.CopyTo(destination[(at + Prefix.Length + payload.Length)..]);
        return at + Prefix.Length + payload.Length + Suffix.Length;
    }

    public LineKind Classify(ReadOnlySpan<byte> line) =>
        line.IndexOf("\"type\":\"error\""u8) >= 0 || line.IndexOf("\"type\":\"shutdown\""u8) >= 0 ? LineKind.Error : LineKind.Other;

    public int WritePong(ReadOnlySpan<byte> ping, Span<byte> destination) => 0;

    // FIN + text, the mask bit, the shortest length encoding (§5.2: 7 bits, or 126 + 16 bits, or 127 + 64 bits),
    // then the four-byte masking key (zeros).
    private static int HeaderLength(int length) => (length <= 125 ? 2 : length <= ushort.MaxValue ? 4 : 10) + 4;

    private static int WriteHeader(Span<byte> destination, int length)
    {
        destination[0] = FinText;
        int at;
        if (length <= 125)
        {
            destination[1] = (byte)(Masked | length);
            at = 2;
        }
        else if (length <= ushort.MaxValue)
        {
            destination[1] = Masked | 126;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
            at = 4;
        }
        else
        {
            destination[1] = Masked | 127;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)length);
            at = 10;
        }

        destination.Slice(at, 4).Clear();
        return at + 4;
    }
}
