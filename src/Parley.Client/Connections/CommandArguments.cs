namespace Parley.Client.Connections;

/// <summary>Splitting a slash command's arguments, the same way for every command that takes them.</summary>
internal static class CommandArguments
{
    /// <summary>The first word and the rest (leading spaces dropped); false unless both are there.</summary>
    public static bool SplitFirst(string arguments, out string first, out string rest)
    {
        var space = arguments.IndexOf(' ', StringComparison.Ordinal);
        first = space < 0 ? arguments : arguments[..space];
        rest = space < 0 ? string.Empty : arguments[(space + 1)..].TrimStart();
        return first.Length > 0 && rest.Length > 0;
    }
}
