namespace Parley.Client.Connections;

/// <summary>
/// Other names users type for a server command. The JSON command table maps them itself; on the text wire, where a
/// line goes as it was typed, the alias is rewritten so Parley's text port understands it.
/// </summary>
public static class CommandAliases
{
    // /users [#room] = /who [#room]
    private const string Users = "/users";
    private const string Who = "/who";

    public static string Expand(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.AsSpan().TrimStart();
        if (trimmed.StartsWith(Users, StringComparison.OrdinalIgnoreCase) && (trimmed.Length == Users.Length || trimmed[Users.Length] == ' '))
        {
            return string.Concat(Who, trimmed[Users.Length..]);
        }

        return line;
    }
}
