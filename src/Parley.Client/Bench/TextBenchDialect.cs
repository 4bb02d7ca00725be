using System.Text;

using Parley.Protocols.Text;

namespace Parley.Client.Bench;

/// <summary>
/// Parley's text port, prompted-NICK dialect, line framed (docs/protocol.md): wait for the bare <c>NICK</c>
/// prompt, answer <c>nick\n</c> (which makes the connection line framed both ways), wait for
/// <c>Connected to server!</c>; then each message is <c>payload\n</c> and others' arrive as <c>nick: payload\n</c>.
/// </summary>
internal sealed class TextBenchDialect : IBenchDialect
{
    private static readonly byte[] NickPrompt = Encoding.ASCII.GetBytes(TextReplies.NickPrompt);

    public int FrameOverhead => 1;

    public int PayloadOffset => 0;

    public async Task HandshakeAsync(BenchConnection connection, string nick, CancellationToken cancellationToken)
    {
        // The server prompts after its grace period of silence (300 ms by default).
        if (!await connection.ReadPrefixAsync(NickPrompt, cancellationToken).ConfigureAwait(false))
        {
            throw new BenchHandshakeException("the text port did not prompt with NICK");
        }

        await connection.SendAsync(Encoding.ASCII.GetBytes(nick + "\n"), cancellationToken).ConfigureAwait(false);
        while (await connection.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line == TextReplies.Welcome)
            {
                return;
            }

            if (line.StartsWith("error:", StringComparison.Ordinal))
            {
                throw new BenchHandshakeException($"{nick} refused: {line}");
            }
        }

        throw new BenchHandshakeException($"{nick}: the server closed during the handshake");
    }

    public int WriteMessage(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        payload.CopyTo(destination);
        destination[payload.Length] = (byte)'\n';
        return payload.Length + 1;
    }

    public LineKind Classify(ReadOnlySpan<byte> line) =>
        line.StartsWith("error:"u8) || line.SequenceEqual("Server is shutting down."u8) ? LineKind.Error : LineKind.Other;

    public int WritePong(ReadOnlySpan<byte> ping, Span<byte> destination) => 0;
}
