namespace Parley.Core.Hub;

/// <summary>
/// Nicknames: 1 to <see cref="HubOptions.MaxNickLength"/> characters, starting with a letter, then ASCII
/// letters, digits and <c>_ - [ ] \ ` ^ { } |</c> (the IRC set, RFC 2812 section 2.3.1, so every nick works
/// on every protocol). Compared without regard to case.
/// </summary>
public static class NicknameRules
{
    public const int DefaultMaxLength = 30;
    private const string Special = "_-[]\\`^{}|";

    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public static bool IsValid(string? nick, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(nick) || nick.Length > maxLength || !char.IsAsciiLetter(nick[0]))
        {
            return false;
        }

        foreach (var c in nick)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !Special.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static string Describe(int maxLength) =>
        $"a nickname is 1 to {maxLength} characters: a letter, then letters, digits or _-[]\\`^{{}}|";
}
