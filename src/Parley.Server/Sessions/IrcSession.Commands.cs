using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

public sealed partial class IrcSession
{
    private readonly Dictionary<string, IrcCommand> _commands;

    /// <summary>Shared pre-checks, then the command's handler: unknown (421), not registered (451), too few
    /// parameters (461).</summary>
    private ValueTask DispatchAsync(IrcMessage message, CancellationToken aborted)
    {
        if (!_commands.TryGetValue(message.Command, out var command))
        {
            LogUnknownCommand(Who, message.Command);
            if (_member is not null || message.Command.Length > 0)
            {
                Numeric("421", message.Command, "Unknown command");
            }

            return ValueTask.CompletedTask;
        }

        if (command.NeedsRegistration && _member is null)
        {
            Numeric("451", "You have not registered");
            return ValueTask.CompletedTask;
        }

        if (message.Parameters.Count < command.MinParameters)
        {
            Numeric("461", command.Name, "Not enough parameters");
            return ValueTask.CompletedTask;
        }

        return command.Handler(message, aborted);
    }

    private Dictionary<string, IrcCommand> BuildCommands()
    {
        IrcCommand[] all =
        [
            new("CAP", 1, false, Sync(Cap)),
            new("PASS", 1, false, Sync(Pass)),
            new("NICK", 0, false, Sync(Nick)),
            new("USER", 4, false, Sync(User)),
            new("PING", 1, false, Sync(Ping)),
            new("PONG", 0, false, Sync(static _ => { })),
            new("QUIT", 0, false, Sync(Quit)),
            new("JOIN", 1, true, Sync(Join)),
            new("PART", 1, true, Sync(Part)),
            new("PRIVMSG", 0, true, PrivmsgAsync),
            new("NOTICE", 0, true, NoticeAsync),
            new("TAGMSG", 0, true, Sync(Tagmsg)),
            new("TOPIC", 1, true, Sync(Topic)),
            new("NAMES", 0, true, Sync(Names)),
            new("LIST", 0, true, Sync(List)),
            new("KICK", 2, true, Sync(Kick)),
            new("INVITE", 0, true, Sync(Invite)),
            new("MODE", 1, true, Sync(Mode)),
            new("WHO", 0, true, Sync(WhoQuery)),
            new("WHOIS", 1, true, Sync(Whois)),
            new("WHOWAS", 1, true, Sync(Whowas)),
            new("ISON", 1, true, Sync(Ison)),
            new("USERHOST", 1, true, Sync(Userhost)),
            new("AWAY", 0, true, Sync(Away)),
            new("LUSERS", 0, true, Sync(_ => Lusers())),
            new("MOTD", 0, true, Sync(_ => Motd())),
            new("VERSION", 0, true, Sync(_ => Version())),
            new("SETNAME", 1, true, Sync(Setname)),
            new("WEATHER", 0, true, WeatherAsync),
            new("OPER", 2, true, Sync(Oper)),
            new("AUTHENTICATE", 1, false, AuthenticateAsync),
            new("REGISTER", 3, false, RegisterAsync),
            new("CHATHISTORY", 0, true, ChathistoryAsync),
        ];
        return all.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    private static Func<IrcMessage, CancellationToken, ValueTask> Sync(Action<IrcMessage> handler) => (message, _) =>
    {
        handler(message);
        return ValueTask.CompletedTask;
    };
}
