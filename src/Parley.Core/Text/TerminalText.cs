using System.Text;

namespace Parley.Core.Text;

/// <summary>
/// Makes text safe to show on a terminal or in a log line, where it is shown (what is stored and what JSON
/// carries stays unchanged). A chat line must not move the cursor, erase what others wrote, ring the bell, set
/// the window title or reorder the line, and a message must never print as two console lines:
/// <list type="bullet">
/// <item>C0 controls (U+0000–U+001F except TAB) and DEL become caret notation, as <c>cat -v</c> shows them:
/// ESC is <c>^[</c>, NUL <c>^@</c>, BEL <c>^G</c>, CR <c>^M</c>, LF <c>^J</c>, DEL <c>^?</c>. It stays ASCII, so
/// ASCII-only clients can show it, and it says what was sent.</item>
/// <item>TAB becomes one space.</item>
/// <item>C1 controls (U+0080–U+009F: CSI, OSC...), the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029) become U+FFFD.</item>
/// </list>
/// </summary>
public static class TerminalText
{
    public const char Replacement = '\uFFFD';

    /// <summary>True when <paramref name="c"/> is changed by <see cref="Neutralize(string?)"/>.</summary>
    public static bool IsUnsafe(char c) =>
        c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
        || c is '\u2028' or '\u2029';

    /// <summary>The text as one safe line: every control shown as above (line breaks too).</summary>
    public static string Neutralize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 8);
        safe.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            Append(safe, text[i]);
        }

        return safe.ToString();
    }

    /// <summary>Several lines (a notice): line breaks (LF, CRLF, CR) are kept as <c>\n</c>, each line is made safe.</summary>
    public static string NeutralizeLines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (IndexOfUnsafe(text) < 0)
        {
            return text;
        }

        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var safe = new StringBuilder(normalized.Length + 8);
        foreach (var c in normalized)
        {
            if (c == '\n')
            {
                safe.Append(c);
            }
            else
            {
                Append(safe, c);
            }
        }

        return safe.ToString();
    }

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Append(StringBuilder safe, char c)
    {
        if (c == '\t')
        {
            safe.Append(' ');
        }
        else if (c < 0x20)
        {
            safe.Append('^').Append((char)(c + 0x40));
        }
        else if (c == 0x7F)
        {
            safe.Append("^?");
        }
        else if (IsUnsafe(c))
        {
            safe.Append(Replacement);
        }
        else
        {
            safe.Append(c);
        }
    }
}
