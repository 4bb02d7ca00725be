using Parley.Client.Connections;

namespace Parley.Client.Terminal;

/// <summary>
/// A typed <c>/msg NICK TEXT</c>: the client shows it as sent (<c>-> NICK (private): TEXT</c>), as IRC clients do,
/// because no protocol echoes a private message to its sender. Unknown nicks get the server's error after it.
/// </summary>
public static class PrivateLine
{
    private const string Command = "/msg ";

    public static bool TryParse(string line, out string nick, out string text)
    {
        ArgumentNullException.ThrowIfNull(line);
        nick = text = string.Empty;
        var trimmed = line.Trim();
        if (!trimmed.StartsWith(Command, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CommandArguments.SplitFirst(trimmed[Command.Length..].TrimStart(), out nick, out text);
    }
}
