using System.Text;

namespace Parley.Client.Bench;

/// <summary>
/// Parley's native JSON lines (docs/protocol-json.md): <c>{"type":"hello",...}</c>, wait for the welcome,
/// then <c>{"type":"message","message":"payload"}</c> per message. The payload needs no escaping, so frames
/// are written as fixed bytes around it.
/// </summary>
internal sealed class JsonBenchDialect : IBenchDialect
{
    private static ReadOnlySpan<byte> Prefix => "{\"type\":\"message\",\"message\":\""u8;

    private static ReadOnlySpan<byte> Suffix => "\"}\n"u8;

    public int FrameOverhead => Prefix.Length + Suffix.Length;

    public int PayloadOffset => Prefix.Length;

    public async Task HandshakeAsync(BenchConnection connection, string nick, CancellationToken cancellationToken)
    {
        var hello = $$"""{"type":"hello","user":"{{nick}}","version":1}""" + "\n";
        await connection.SendAsync(Encoding.ASCII.GetBytes(hello), cancellationToken).ConfigureAwait(false);
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
        Prefix.CopyTo(destination);
        payload.CopyTo(destination[Prefix.Length..]);
        Suffix.CopyTo(destination[(Prefix.Length + payload.Length)..]);
        return Prefix.Length + payload.Length + Suffix.Length;
    }

    public LineKind Classify(ReadOnlySpan<byte> line) =>
        line.IndexOf("\"type\":\"error\""u8) >= 0 || line.IndexOf("\"type\":\"shutdown\""u8) >= 0 ? LineKind.Error : LineKind.Other;

    public int WritePong(ReadOnlySpan<byte> ping, Span<byte> destination) => 0;
}
