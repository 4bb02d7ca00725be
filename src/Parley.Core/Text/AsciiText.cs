using System.Text;

namespace Parley.Core.Text;

/// <summary>
/// Text for clients that can only decode ASCII (seed programs that call <c>decode('ascii')</c> or decode one
/// byte at a time): transliterated, not dropped. Accents go (<c>café</c> → <c>cafe</c>, <c>naïve</c> →
/// <c>naive</c>), typographic punctuation becomes its ASCII look-alike (<c>“quotes”</c> → <c>"quotes"</c>,
/// <c>—</c> → <c>-</c>, <c>…</c> → <c>...</c>), the degree sign becomes a space (<c>54°F</c> → <c>54 F</c>), a few
/// letters become their usual spelling (<c>ß</c> → <c>ss</c>, <c>æ</c> → <c>ae</c>); anything else with no ASCII
/// form (<c>日本</c>, emoji) becomes one <c>?</c> per character.
/// </summary>
public static class AsciiText
{
    public const char Unknown = '?';

    // NFKD of U+00C0 to U+017F with the combining marks removed, in code point order (empty: no ASCII base).
    private static readonly string[] LatinBases =
        "A|A|A|A|A|A||C|E|E|E|E|I|I|I|I||N|O|O|O|O|O|||U|U|U|U|Y|||a|a|a|a|a|a||c|e|e|e|e|i|i|i|i||n|o|o|o|o|o|||u|u|u|u|y||y|A|a|A|a|A|a|C|c|C|c|C|c|C|c|D|d|||E|e|E|e|E|e|E|e|E|e|G|g|G|g|G|g|G|g|H|h|||I|i|I|i|I|i|I|i|I||IJ|ij|J|j|K|k||L|l|L|l|L|l|L|l|||N|n|N|n|N|n|n|||O|o|O|o|O|o|||R|r|R|r|R|r|S|s|S|s|S|s|S|s|T|t|T|t|||U|u|U|u|U|u|U|u|U|u|U|u|W|w|Y|y|Y|Z|z|Z|z|Z|z|s".Split('|');

    public static bool IsAscii(string text) => Ascii.IsValid(text);

    public static string Transliterate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (Ascii.IsValid(text))
        {
            return text;
        }

        var ascii = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAscii(c))
            {
                ascii.Append(c);
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // One character beyond the BMP (emoji): one '?', not two.
                i++;
                ascii.Append(Unknown);
                continue;
            }

            if (Special(c) is { } special)
            {
                ascii.Append(special);
                continue;
            }

            AppendDecomposed(ascii, c);
        }

        return ascii.ToString();
    }

    private static void AppendDecomposed(StringBuilder ascii, char c)
    {
        // Letters with accents keep their base letter ("é" is "e" + U+0301). Unicode normalisation is not
        // available with invariant globalization, so the Latin-1 and Latin Extended-A letters (U+00C0-U+017F)
        // carry their NFKD base letters here; the few without one (Æ, Ø, ß, Ł...) are in Special.
        if (c is >= '\u00C0' and < '\u0180' && LatinBases[c - 0xC0] is { Length: > 0 } letters)
        {
            ascii.Append(letters);
        }
        else
        {
            ascii.Append(Unknown);
        }
    }

    private static string? Special(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' => "'",
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => "\"",
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => "-",
        '\u2026' => "...",
        '\u2022' or '\u00B7' => "*",
        '\u00B0' => " ",
        '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u202F' => " ",
        '\u00D7' => "x",
        '\u00F7' => "/",
        '\u00DF' => "ss",
        '\u00C6' => "AE",
        '\u00E6' => "ae",
        '\u0152' => "OE",
        '\u0153' => "oe",
        '\u00D8' => "O",
        '\u00F8' => "o",
        '\u0141' => "L",
        '\u0142' => "l",
        '\u0110' or '\u00D0' => "D",
        '\u0111' or '\u00F0' => "d",
        '\u00DE' => "Th",
        '\u00FE' => "th",
        '\u20AC' => "EUR",
        '\u00A3' => "GBP",
        '\u00A9' => "(c)",
        '\u00AE' => "(R)",
        '\u2122' => "(TM)",
        '\uFFFD' => "?",
        '\uFB00' => "ff",
        '\uFB01' => "fi",
        '\uFB02' => "fl",
        '\uFB03' => "ffi",
        '\uFB04' => "ffl",
        '\uFB05' or '\uFB06' => "st",
        _ => null,
    };
}
