using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Text;
using Parley.Core.Weather;

namespace Parley.Core.Commands;

/// <summary>
/// Interprets what a member typed, the same way for every protocol: <c>weather</c> (any case),
/// <c>Bye from Client</c> (any case), <c>/command ...</c> through one table, anything else is a chat message.
/// A line starting with "//" is a message that starts with "/".
/// </summary>
public sealed partial class CommandDispatcher
{
    public const string ByeFromClient = "Bye from Client";
    public const string Goodbye = "Bye from Server";
    public const string Exiting = "EXITING";
    public const string NicknameInUse = "NICKNAME IN USE";
    private readonly Dictionary<string, CommandSpec> _table;

    public CommandDispatcher(ChatHub hub, IWeatherService weather)
    {
        Hub = hub;
        Weather = weather;
        _table = BuildTable().ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    public ChatHub Hub { get; }

    public IWeatherService Weather { get; }

    public IEnumerable<CommandSpec> Commands => _table.Values;

    /// <summary>Handles one message typed by <paramref name="member"/>; <paramref name="room"/> and
    /// <paramref name="clientSeq"/> come from protocols that carry them.</summary>
    public ValueTask<InputOutcome> HandleInputAsync(
        Member member, string text, string? room, long? clientSeq, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().Trim();
        if (Hub.Options.WeatherEnabled && trimmed.Equals("weather", StringComparison.OrdinalIgnoreCase))
        {
            return ExecuteAsync(member, "weather", string.Empty, cancellationToken);
        }

        if (trimmed.Equals(ByeFromClient, StringComparison.OrdinalIgnoreCase))
        {
            return ExecuteAsync(member, "quit", string.Empty, cancellationToken);
        }

        if (trimmed.Length > 1 && trimmed[0] == '/' && trimmed[1] != '/')
        {
            var space = trimmed.IndexOf(' ');
            var name = space < 0 ? trimmed[1..] : trimmed[1..space];
            var arguments = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim().ToString();
            return ExecuteAsync(member, name.ToString(), arguments, cancellationToken);
        }

        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            text = text.TrimStart()[1..];
        }

        if (trimmed.IsEmpty)
        {
            return ValueTask.FromResult(InputOutcome.Continue);
        }

        var stored = Hub.WaitForHistorySpaceAsync(cancellationToken);
        if (!stored.IsCompletedSuccessfully)
        {
            return SayWhenStoredAsync(stored, member, text, room, clientSeq);
        }

        Say(member, text, room, clientSeq);
        return ValueTask.FromResult(InputOutcome.Continue);
    }

    private async ValueTask<InputOutcome> SayWhenStoredAsync(ValueTask space, Member member, string text, string? room, long? clientSeq)
    {
        // The store is behind: this sender waits (its reads pause) instead of the queue growing without bound.
        await space.ConfigureAwait(false);
        Say(member, text, room, clientSeq);
        return InputOutcome.Continue;
    }

    private void Say(Member member, string text, string? room, long? clientSeq)
    {
        if (Hub.Say(member, room, text, clientSeq, out var error) is null)
        {
            var where = room ?? member.CurrentRoom ?? "a room";
            Fail(member, error!, error switch
            {
                ErrorCodes.NotInRoom => $"You are not in {Excerpt.Of(where)}; /join it first.",
                ErrorCodes.Moderated => $"{Excerpt.Of(where)} is moderated (+m): only its operators and voiced members speak.",
                _ => $"No such room: {Excerpt.Of(where)}.",
            });
        }
    }

    /// <summary>Runs the command <paramref name="name"/> (without its '/') after the table's shared checks.</summary>
    public ValueTask<InputOutcome> ExecuteAsync(Member member, string name, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (!_table.TryGetValue(name, out var spec) || (spec.Name == "weather" && !Hub.Options.WeatherEnabled))
        {
            Fail(member, ErrorCodes.UnknownCommand, $"Unknown command /{Excerpt.Of(name)}. Type /help for the list.");
            return ValueTask.FromResult(InputOutcome.Continue);
        }

        if (spec.NeedsRooms && !member.CanChangeRooms)
        {
            Fail(member, ErrorCodes.RoomsUnsupported, $"/{spec.Name} needs a protocol with rooms (JSON or IRC); this connection stays in {Hub.Options.DefaultRoom}.");
            return ValueTask.FromResult(InputOutcome.Continue);
        }

        if (CountArguments(arguments) < spec.MinArguments)
        {
            Fail(member, ErrorCodes.BadSyntax, $"Usage: {spec.Syntax}");
            return ValueTask.FromResult(InputOutcome.Continue);
        }

        return spec.Handler(new CommandContext(Hub, member, arguments, cancellationToken));
    }

    private void Fail(Member member, string code, string text) =>
        member.Sink.TryDeliver(new ErrorNotice(code, text, Hub.Now));

    private static int CountArguments(string arguments) =>
        arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private IEnumerable<CommandSpec> BuildTable() =>
    [
        new("help", "/help", "list the commands", 0, false, HelpAsync),
        new("quit", "/quit", "leave the chat (or type: Bye from Client)", 0, false, QuitAsync),
        new("weather", "/weather [place]", "3-day forecast (default: " + Weather.DefaultPlace + "); typing weather works too", 0, false, WeatherAsync),
        new("msg", "/msg <nick> <text>", "send a private message", 2, false, MsgAsync),
        new("who", "/who [#room]", "who is in a room", 0, false, WhoAsync),
        new("rooms", "/rooms", "list the rooms", 0, false, RoomsAsync),
        new("join", "/join <#room> [key]", "join or create a room and make it current", 1, true, JoinAsync),
        new("part", "/part [#room]", "leave a room (the current one by default)", 0, true, PartAsync),
        new("nick", "/nick <newnick>", "change your nickname", 1, false, NickAsync),
        new("users", "/users", "who is here (same as /who)", 0, false, WhoAsync),
        new("exit", "/exit", "leave the chat, answered EXITING (tutorial clients)", 0, false, ExitAsync),
        new("history", "/history [N]", "the current room's last N messages (default 20, at most 500)", 0, false, HistoryAsync),
        new("search", "/search <words>", "find messages with every word, in your rooms and your private messages", 1, false, SearchAsync),
        .. AccountCommands(),
        .. OperatorCommands(),
    ];
}
