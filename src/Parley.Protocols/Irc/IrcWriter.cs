using System.Buffers;
using System.Globalization;
using System.Text;

namespace Parley.Protocols.Irc;

/// <summary>
/// Writes IRC lines into an <see cref="IBufferWriter{T}"/>: <c>[@tags ][:source ]COMMAND params\r\n</c>. The last
/// parameter gets a ':' when <c>trailing</c> is set or when it needs one (empty, a space, a leading ':').
/// CR, LF and NUL inside a parameter become spaces: nothing another protocol sent can forge a second line.
/// </summary>
public static class IrcWriter
{
    public static void Write(IBufferWriter<byte> output, string? tags, string? source, string command, ReadOnlySpan<string> parameters, bool trailing = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!string.IsNullOrEmpty(tags))
        {
            WriteByte(output, (byte)'@');
            WriteText(output, tags);
            WriteByte(output, (byte)' ');
        }

        if (source is not null)
        {
            WriteByte(output, (byte)':');
            WriteText(output, source);
            WriteByte(output, (byte)' ');
        }

        WriteText(output, command);
        for (var i = 0; i < parameters.Length; i++)
        {
            WriteByte(output, (byte)' ');
            var value = parameters[i] ?? string.Empty;
            if (i == parameters.Length - 1 && (trailing || value.Length == 0 || value.Contains(' ', StringComparison.Ordinal) || value[0] == ':'))
            {
                WriteByte(output, (byte)':');
            }

            WriteText(output, value);
        }

        output.Write("\r\n"u8);
    }

    /// <summary>The IRCv3 server-time tag value: UTC with milliseconds, e.g. <c>2026-11-28T21:07:00.123Z</c>.</summary>
    public static string TimeTag(DateTimeOffset time) =>
        "time=" + time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteText(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        foreach (ref var b in span[..written])
        {
            if (b is (byte)'\r' or (byte)'\n' or 0)
            {
                b = (byte)' ';
            }
        }

        output.Advance(written);
    }
}
