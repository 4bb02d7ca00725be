namespace Parley.Client.Terminal;

/// <summary>The client's own list for <c>/help</c>, shown before the server's answer (which lists what it accepts).</summary>
public static class LocalHelp
{
    public const string Text =
        """
        Commands:
          /join #room        join a room and make it current (messages go there)
          /part [#room]      leave a room (the current one by default)
          /rooms             list rooms
          /who [#room]       who is in a room
          /users [#room]     the same as /who
          /msg NICK TEXT     private message
          /weather [place]   weather report
          /history [N]       the current room's last N messages (default 20)
          /search WORDS      messages with every word, in your rooms and private messages
          /help              this list and the server's
          /quit, exit, Bye from Client, Ctrl+D   leave
        """;

    public static bool IsHelp(string line) => line.Trim().Equals("/help", StringComparison.OrdinalIgnoreCase);
}
