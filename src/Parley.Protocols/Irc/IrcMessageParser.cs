using System.Text;

namespace Parley.Protocols.Irc;

/// <summary>Parses one line (without its CR LF) liberally: several spaces between parameters, lower-case commands,
/// invalid UTF-8 (replaced with U+FFFD). Limits are the reader's job.</summary>
public static class IrcMessageParser
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: false);

    /// <summary>False for an empty or blank line (ignored, as servers do) and for a line with no command.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out IrcMessage? message, out bool blank)
    {
        message = null;
        line = TrimSpaces(line);
        blank = line.IsEmpty;
        if (blank)
        {
            return false;
        }

        string? tags = null;
        if (line[0] == (byte)'@')
        {
            var end = line.IndexOf((byte)' ');
            tags = Utf8.GetString(end < 0 ? line[1..] : line[1..end]);
            line = end < 0 ? [] : TrimSpaces(line[end..]);
        }

        string? source = null;
        if (!line.IsEmpty && line[0] == (byte)':')
        {
            var end = line.IndexOf((byte)' ');
            source = Utf8.GetString(end < 0 ? line[1..] : line[1..end]);
            line = end < 0 ? [] : TrimSpaces(line[end..]);
        }

        if (line.IsEmpty)
        {
            return false;
        }

        var commandEnd = line.IndexOf((byte)' ');
        var command = Utf8.GetString(commandEnd < 0 ? line : line[..commandEnd]).ToUpperInvariant();
        line = commandEnd < 0 ? [] : line[commandEnd..];
        var parameters = new List<string>(4);
        while (true)
        {
            line = line.TrimStart((byte)' ');
            if (line.IsEmpty)
            {
                break;
            }

            if (line[0] == (byte)':' || parameters.Count == IrcLimits.MaxParameters - 1)
            {
                parameters.Add(Utf8.GetString(line[0] == (byte)':' ? line[1..] : line));
                break;
            }

            var end = line.IndexOf((byte)' ');
            parameters.Add(Utf8.GetString(end < 0 ? line : line[..end]));
            line = end < 0 ? [] : line[end..];
        }

        message = new IrcMessage(tags, source, command, parameters);
        return true;
    }

    private static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> line) => line.TrimStart((byte)' ');
}
