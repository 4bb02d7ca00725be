using System.Buffers;
using System.Globalization;

namespace Parley.Protocols.Json;

/// <summary>
/// Writes the seed assignment's peer message exactly as its Python chat.py does with <c>json.dumps</c> defaults:
/// <c>{"seq": 0, "user": "octav", "message": "hello"}</c> plus '\n', with ", " and ": " separators and
/// ensure_ascii escaping (every non-ASCII UTF-16 unit as a lower-case <c>\uxxxx</c>), so the bytes match a
/// Python peer's. Peer mode is not a hot path, so this favours being obviously right over speed.
/// </summary>
public static class SeedMessageWriter
{
    public static void Write(IBufferWriter<byte> output, long seq, string user, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(message);
        output.Write("{\"seq\": "u8);
        var digits = output.GetSpan(20);
        seq.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        output.Advance(written);
        output.Write(", \"user\": "u8);
        WriteString(output, user);
        output.Write(", \"message\": "u8);
        WriteString(output, message);
        output.Write("}\n"u8);
    }

    /// <summary>The seed's chat5.py subscribe/unsubscribe request, <c>{"operation": "subscribe", "client":
    /// "127.0.0.1:5000"}</c> plus '\n'; "user" is Parley's accepted extra, left out when null as the seed does.</summary>
    public static void WriteOperation(IBufferWriter<byte> output, string operation, string client, string? user)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(client);
        output.Write("{\"operation\": "u8);
        WriteString(output, operation);
        output.Write(", \"client\": "u8);
        WriteString(output, client);
        if (user is not null)
        {
            output.Write(", \"user\": "u8);
            WriteString(output, user);
        }

        output.Write("}\n"u8);
    }

    public static byte[] ToArray(long seq, string user, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (2 * message.Length));
        Write(buffer, seq, user, message);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteString(IBufferWriter<byte> output, string text)
    {
        output.Write("\""u8);
        foreach (var c in text)
        {
            var span = output.GetSpan(6);
            output.Advance(Escape(c, span));
        }

        output.Write("\""u8);
    }

    private static int Escape(char c, Span<byte> span)
    {
        var shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            span[0] = (byte)'\\';
            span[1] = shortForm;
            return 2;
        }

        if (c is >= ' ' and <= '\u007f')
        {
            span[0] = (byte)c;
            return 1;
        }

        span[0] = (byte)'\\';
        span[1] = (byte)'u';
        ((int)c).TryFormat(span[2..], out _, "x4", CultureInfo.InvariantCulture);
        return 6;
    }
}
