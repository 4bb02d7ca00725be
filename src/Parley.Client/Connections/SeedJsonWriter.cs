using System.Buffers;
using System.Globalization;

using Parley.Protocols.Json;

namespace Parley.Client.Connections;

/// <summary>
/// The seed's chat5.py frames byte for byte as Python's <c>json.dumps</c> prints them (", " and ": " separators,
/// every non-ASCII UTF-16 unit as lower-case <c>\uxxxx</c>), plus '\n':
/// <c>{"operation": "subscribe", "client": "127.0.0.1:5000", "user": "alice"}</c>. Chat messages reuse
/// <see cref="SeedMessageWriter"/>; its string escaping is private, hence the copy below.
/// </summary>
public static class SeedJsonWriter
{
    public static void WriteMessage(IBufferWriter<byte> output, long seq, string user, string message) =>
        SeedMessageWriter.Write(output, seq, user, message);

    /// <summary>"user" is Parley's accepted extra (who is subscribing); left out when null, as the seed does.</summary>
    public static void WriteOperation(IBufferWriter<byte> output, string operation, string client, string? user)
    {
        ArgumentNullException.ThrowIfNull(output);
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
