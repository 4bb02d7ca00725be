using System.Text;

namespace Parley.Client.Bench;

/// <summary>
/// Enough IRC (RFC 2812) to drive InspIRCd, ngIRCd or Parley's IRC listener: <c>NICK</c>/<c>USER</c>, wait
/// for 001, <c>JOIN</c> the room and wait for the end of its names (366), then <c>PRIVMSG #room :payload</c>;
/// <c>PING x</c> is answered with <c>PONG x</c>, also during registration.
/// </summary>
internal sealed class IrcBenchDialect(string room) : IBenchDialect
{
    private readonly byte[] _prefix = Encoding.ASCII.GetBytes($"PRIVMSG {room} :");

    public int FrameOverhead => _prefix.Length + 2;

    public int PayloadOffset => _prefix.Length;

    public async Task HandshakeAsync(BenchConnection connection, string nick, CancellationToken cancellationToken)
    {
        await connection.SendAsync(Encoding.ASCII.GetBytes($"NICK {nick}\r\nUSER {nick} 0 * :parley bench\r\n"), cancellationToken).ConfigureAwait(false);
        await WaitForAsync(connection, nick, "001", cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(Encoding.ASCII.GetBytes($"JOIN {room}\r\n"), cancellationToken).ConfigureAwait(false);
        await WaitForAsync(connection, nick, "366", cancellationToken).ConfigureAwait(false);
    }

    public int WriteMessage(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        _prefix.CopyTo(destination);
        payload.CopyTo(destination[_prefix.Length..]);
        "\r\n"u8.CopyTo(destination[(_prefix.Length + payload.Length)..]);
        return _prefix.Length + payload.Length + 2;
    }

    public LineKind Classify(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("PING"u8))
        {
            return LineKind.Ping;
        }

        return line.StartsWith("ERROR"u8) ? LineKind.Error : LineKind.Other;
    }

    public int WritePong(ReadOnlySpan<byte> ping, Span<byte> destination)
    {
        // "PING :token" -> "PONG :token": same arguments, the verb's second letter changed.
        var length = Math.Min(ping.Length, destination.Length - 2);
        ping[..length].CopyTo(destination);
        destination[1] = (byte)'O';
        "\r\n"u8.CopyTo(destination[length..]);
        return length + 2;
    }

    private async Task WaitForAsync(BenchConnection connection, string nick, string numeric, CancellationToken cancellationToken)
    {
        while (await connection.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("PING", StringComparison.Ordinal))
            {
                var pong = new byte[line.Length + 2];
                WritePong(Encoding.ASCII.GetBytes(line), pong);
                await connection.SendAsync(pong, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (line.StartsWith("ERROR", StringComparison.Ordinal))
            {
                throw new BenchHandshakeException($"{nick}: {line}");
            }

            var code = NumericOf(line);
            if (code == numeric)
            {
                return;
            }

            // 4xx and 5xx numerics are refusals (nick in use, too many channels, banned...), except 422: no MOTD.
            if (code is { Length: 3 } && code[0] is '4' or '5' && code != "422")
            {
                throw new BenchHandshakeException($"{nick} refused: {line}");
            }
        }

        throw new BenchHandshakeException($"{nick}: the server closed during the handshake");
    }

    private static string? NumericOf(string line)
    {
        // ":server 001 nick :Welcome" -> "001"
        var parts = line.Split(' ', 3);
        return parts.Length >= 2 && line.StartsWith(':') && parts[1].Length == 3 && char.IsAsciiDigit(parts[1][0]) ? parts[1] : null;
    }
}
