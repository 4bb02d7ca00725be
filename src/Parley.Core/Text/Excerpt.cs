namespace Parley.Core.Text;

/// <summary>
/// What an error reply or a log line may quote of something a client sent: at most <see cref="MaxLength"/>
/// characters, then "...", made safe for terminals. A refusal must not repeat a 60 KB nickname back in full
/// (or write it to the log once per attempt).
/// </summary>
public static class Excerpt
{
    public const int MaxLength = 64;

    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length > MaxLength)
        {
            // Never cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
            text = string.Concat(text.AsSpan(0, cut), "...");
        }

        return TerminalText.Neutralize(text);
    }
}
