using System.Buffers;

namespace Parley.Client.Connections;

/// <summary>
/// Turns a typed line into a JSON frame. The commands docs/client.md lists get their structured frame; anything
/// else (other /commands, "weather", plain chat, a command missing its arguments) goes as a chat message, which
/// the server interprets exactly as on the text port and answers with an error where the syntax is wrong.
/// </summary>
public static class JsonCommandTable
{
    private delegate bool Handler(string arguments, IBufferWriter<byte> output);

    private static readonly Dictionary<string, Handler> Commands = new(StringComparer.OrdinalIgnoreCase)
    {
        // /join <#room>
        ["/join"] = static (args, output) => Single(args) is { } room && Do(() => JsonRequestWriter.WriteJoin(output, room)),

        // /part [#room]
        ["/part"] = static (args, output) => Optional(args, out var room) && Do(() => JsonRequestWriter.WriteRoomRequest(output, "part", room)),

        // /who [#room]
        ["/who"] = static (args, output) => Optional(args, out var room) && Do(() => JsonRequestWriter.WriteRoomRequest(output, "who", room)),

        // /users [#room] (the same as /who)
        ["/users"] = static (args, output) => Optional(args, out var room) && Do(() => JsonRequestWriter.WriteRoomRequest(output, "who", room)),

        // /rooms
        ["/rooms"] = static (args, output) => args.Length == 0 && Do(() => JsonRequestWriter.WriteBare(output, "rooms")),

        // /msg <nick> <text>
        ["/msg"] = static (args, output) => CommandArguments.SplitFirst(args, out var nick, out var text) && Do(() => JsonRequestWriter.WriteDirect(output, nick, text)),

        // /weather [place]
        ["/weather"] = static (args, output) => Do(() => JsonRequestWriter.WriteWeather(output, args.Length == 0 ? null : args)),
    };

    public static void Write(string line, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.Trim();
        if (trimmed.StartsWith('/'))
        {
            int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            var command = space < 0 ? trimmed : trimmed[..space];
            var arguments = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
            if (Commands.TryGetValue(command, out var handler) && handler(arguments, output))
            {
                return;
            }
        }

        JsonRequestWriter.WriteMessage(output, line);
    }

    private static bool Do(Action write)
    {
        write();
        return true;
    }

    private static string? Single(string arguments) =>
        arguments.Length > 0 && !arguments.Contains(' ', StringComparison.Ordinal) ? arguments : null;

    private static bool Optional(string arguments, out string? room)
    {
        room = arguments.Length == 0 ? null : Single(arguments);
        return arguments.Length == 0 || room is not null;
    }
}
