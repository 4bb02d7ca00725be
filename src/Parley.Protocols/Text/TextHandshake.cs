namespace Parley.Protocols.Text;

/// <summary>
/// The registration dialect's requests (seed 002): <c>REGISTER &lt;user&gt; CHAT/1.0</c> and
/// <c>DISCONNECT &lt;user&gt; CHAT/1.0</c>, and the redundant sender prefixes both dialects put on messages.
/// Liberal in what it accepts: any case for the verbs, runs of blanks, surrounding blanks.
/// </summary>
public static class TextHandshake
{
    public const string ProtocolVersion = "CHAT/1.0";

    /// <summary>Whether a client's first bytes look like a registration (so far as they have arrived).</summary>
    public static bool LooksLikeRegister(ReadOnlySpan<byte> firstBytes)
    {
        ReadOnlySpan<byte> verb = "REGISTER"u8;
        var length = Math.Min(firstBytes.Length, verb.Length);
        return length > 0 && System.Text.Ascii.EqualsIgnoreCase(firstBytes[..length], verb[..length]);
    }

    public static bool TryParseRegister(string line, out string user) => TryParse(line, "REGISTER", out user);

    public static bool TryParseDisconnect(string line, out string user) => TryParse(line, "DISCONNECT", out user);

    /// <summary>
    /// Drops "nick: " (prompted) or "@nick: " (registered) when it names the sender itself, so that nobody's name
    /// is shown twice. Registered clients vary: "@nick text" (no colon) and "@nick:text" are the same prefix; a
    /// message without one is taken as it is.
    /// </summary>
    public static string StripSenderPrefix(TextDialect dialect, string nick, string text)
    {
        ArgumentNullException.ThrowIfNull(nick);
        ArgumentNullException.ThrowIfNull(text);
        var registered = dialect == TextDialect.Registered;
        var span = text.AsSpan();
        if (registered && !span.StartsWith('@'))
        {
            return text;
        }

        if (registered)
        {
            span = span[1..];
        }

        if (span.Length < nick.Length || !span.StartsWith(nick, StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var rest = span[nick.Length..];
        if (rest.IsEmpty && registered)
        {
            return string.Empty;
        }

        if (!rest.IsEmpty && (rest[0] == ':' || (registered && rest[0] == ' ')))
        {
            rest = rest[0] == ':' && rest.Length > 1 && rest[1] == ' ' ? rest[2..] : rest[1..];
            return rest.ToString();
        }

        return text;
    }

    /// <summary>
    /// Splits an unframed burst that holds several messages because the client sent them faster than the
    /// pause that separates them: every message of these dialects starts with the sender's own prefix
    /// ("nick: " or "@nick: ", or "@nick " from registered clients that leave out the colon), and a registered
    /// client's leave request is "DISCONNECT nick CHAT/1.0".
    /// </summary>
    public static IReadOnlyList<string> SplitBurst(TextDialect dialect, string nick, string burst)
    {
        ArgumentNullException.ThrowIfNull(nick);
        ArgumentNullException.ThrowIfNull(burst);
        var prefix = (dialect == TextDialect.Registered ? "@" : string.Empty) + nick + ": ";
        var disconnect = "DISCONNECT " + nick + " ";
        var bare = "@" + nick + " ";
        var parts = new List<string>();
        var start = 0;
        for (var i = 1; i < burst.Length; i++)
        {
            var rest = burst.AsSpan(i);
            if (rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                || (dialect == TextDialect.Registered && (rest.StartsWith(disconnect, StringComparison.OrdinalIgnoreCase)
                    || rest.StartsWith(bare, StringComparison.OrdinalIgnoreCase))))
            {
                parts.Add(burst[start..i]);
                start = i;
            }
        }

        parts.Add(burst[start..]);
        return parts;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is a prompted-dialect message, "nick: text", from a valid nickname: the
    /// shape a seed client sends when its user types before the server's NICK prompt has arrived.
    /// </summary>
    public static bool TryReadSenderPrefix(string text, int maxNickLength, out string nick)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        nick = colon > 0 ? text[..colon] : string.Empty;
        return colon > 0 && Core.Hub.NicknameRules.IsValid(nick, maxNickLength);
    }

    private static bool TryParse(string line, string verb, out string user)
    {
        user = string.Empty;
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3
            || !parts[0].Equals(verb, StringComparison.OrdinalIgnoreCase)
            || !parts[2].Equals(ProtocolVersion, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        user = parts[1];
        return true;
    }
}
