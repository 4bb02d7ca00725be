using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Text;

namespace Parley.Core.Commands;

/// <summary>
/// Room operator commands for every protocol (IRC clients have TOPIC, KICK, MODE and INVITE of their own, over the
/// same hub calls). A room's creator is its operator; so are accounts named in Parley:Accounts:Operators. The room
/// argument is optional: a first word starting with '#' names one, else the current room is meant.
/// </summary>
public sealed partial class CommandDispatcher
{
    private static IEnumerable<CommandSpec> OperatorCommands() =>
    [
        new("topic", "/topic [#room] [text]", "show a room's topic, or set it (operators, while the room is +t)", 0, false, TopicAsync),
        new("kick", "/kick [#room] <nick> [reason]", "remove someone from a room (operators)", 1, false, KickAsync),
        new("mode", "/mode [#room] <+i|-i|+t|-m|+o nick...>", "change a room's modes (operators)", 1, false, ModeAsync),
        new("invite-only", "/invite-only [#room] [on|off]", "only invited members may join (operators)", 0, false, InviteOnlyAsync),
        new("invite", "/invite <nick> [#room]", "invite someone to a room", 1, false, InviteAsync),
    ];

    // /topic [#room] [text]
    private static ValueTask<InputOutcome> TopicAsync(CommandContext context)
    {
        var (room, text) = RoomAndRest(context);
        if (text.Length == 0)
        {
            var view = context.Hub.GetRoom(room);
            if (view is null)
            {
                context.Fail(ErrorCodes.NoSuchRoom, $"No such room: {Excerpt.Of(room)}.");
            }
            else
            {
                context.Reply(NoticeKind.Info, view.Topic.Length == 0 ? $"{view.Name} has no topic." : $"Topic of {view.Name}: {view.Topic} (set by {view.TopicBy})");
            }

            return ValueTask.FromResult(InputOutcome.Continue);
        }

        Channel(context, context.Hub.SetTopic(context.Member, room, text), room, null);
        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /kick [#room] <nick> [reason]
    private static ValueTask<InputOutcome> KickAsync(CommandContext context)
    {
        var (room, rest) = RoomAndRest(context);
        var words = rest.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            context.Fail(ErrorCodes.BadSyntax, "Usage: /kick [#room] <nick> [reason]");
            return ValueTask.FromResult(InputOutcome.Continue);
        }

        var reason = words.Length > 1 ? words[1] : context.Member.Nick;
        Channel(context, context.Hub.Kick(context.Member, room, words[0], reason), room, words[0]);
        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /mode [#room] <modes> [arguments]: IRC's letters (i, t, m, s, o, v, k, l, b); arguments in order.
    private static ValueTask<InputOutcome> ModeAsync(CommandContext context)
    {
        var (room, rest) = RoomAndRest(context);
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            var view = context.Hub.GetRoom(room);
            context.Reply(NoticeKind.Info, view is null ? $"No such room: {Excerpt.Of(room)}." : $"Modes of {view.Name}: +{ChatHub.FlagLetters(view.Modes)}");
            return ValueTask.FromResult(InputOutcome.Continue);
        }

        if (ParseModes(words) is not { } changes)
        {
            context.Fail(ErrorCodes.BadSyntax, "Usage: /mode [#room] +i, -i, +t, +m, +o NICK, -o NICK, +k KEY, +l N, +b MASK");
            return ValueTask.FromResult(InputOutcome.Continue);
        }

        Channel(context, context.Hub.ChangeModes(context.Member, room, changes, out _), room, null);
        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /invite-only [#room] [on|off]
    private static ValueTask<InputOutcome> InviteOnlyAsync(CommandContext context)
    {
        var (room, rest) = RoomAndRest(context);
        var on = !rest.Equals("off", StringComparison.OrdinalIgnoreCase);
        Channel(context, context.Hub.ChangeModes(context.Member, room, [new ModeChange(on, 'i', null)], out _), room, null);
        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /invite <nick> [#room]
    private static ValueTask<InputOutcome> InviteAsync(CommandContext context)
    {
        var words = context.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var room = words.Length > 1 ? RoomNameRules.Normalize(words[1]) : context.Member.CurrentRoom ?? context.Hub.Options.DefaultRoom;
        if (Channel(context, context.Hub.Invite(context.Member, room, words[0]), room, words[0]))
        {
            context.Reply(NoticeKind.Info, $"Invited {words[0]} to {room}.");
        }

        return ValueTask.FromResult(InputOutcome.Continue);
    }

    internal static List<ModeChange>? ParseModes(IReadOnlyList<string> words)
    {
        var changes = new List<ModeChange>();
        var next = 1;
        bool? add = null;
        foreach (var letter in words[0])
        {
            if (letter is '+' or '-')
            {
                add = letter == '+';
                continue;
            }

            if (add is not { } sign || "itmsovklb".IndexOf(letter, StringComparison.Ordinal) < 0)
            {
                return null;
            }

            string? argument = null;
            if (letter is 'o' or 'v' or 'b' || (sign && letter is 'k' or 'l'))
            {
                if (next >= words.Count)
                {
                    return null;
                }

                argument = words[next++];
            }

            changes.Add(new ModeChange(sign, letter, argument));
        }

        return changes.Count == 0 ? null : changes;
    }

    /// <summary>A leading "#room" word, else the member's current room; and the rest of the arguments.</summary>
    private static (string Room, string Remainder) RoomAndRest(CommandContext context)
    {
        var arguments = context.Arguments;
        if (arguments.StartsWith('#'))
        {
            var space = arguments.IndexOf(' ', StringComparison.Ordinal);
            return space < 0
                ? (RoomNameRules.Normalize(arguments), string.Empty)
                : (RoomNameRules.Normalize(arguments[..space]), arguments[(space + 1)..].Trim());
        }

        return (context.Member.CurrentRoom ?? context.Hub.Options.DefaultRoom, arguments);
    }

    private static bool Channel(CommandContext context, ChannelOutcome outcome, string room, string? nick)
    {
        switch (outcome)
        {
            case ChannelOutcome.Done:
                return true;
            case ChannelOutcome.NoSuchRoom:
                context.Fail(ErrorCodes.NoSuchRoom, $"No such room: {Excerpt.Of(room)}.");
                break;
            case ChannelOutcome.NotInRoom:
                context.Fail(ErrorCodes.NotInRoom, $"You are not in {Excerpt.Of(room)}.");
                break;
            case ChannelOutcome.NotOperator:
                context.Fail(ErrorCodes.NotOperator, $"You are not an operator of {Excerpt.Of(room)}.");
                break;
            case ChannelOutcome.NoSuchNick:
                context.Fail(ErrorCodes.NoSuchNick, $"Nobody is called {Excerpt.Of(nick)}.");
                break;
            case ChannelOutcome.TargetNotInRoom:
                context.Fail(ErrorCodes.NoSuchNick, $"{Excerpt.Of(nick)} is not in {Excerpt.Of(room)}.");
                break;
            case ChannelOutcome.TargetAlreadyInRoom:
                context.Fail(ErrorCodes.BadSyntax, $"{Excerpt.Of(nick)} is in {Excerpt.Of(room)} already.");
                break;
        }

        return false;
    }
}
