using System.Text;

using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Text;

namespace Parley.Core.Commands;

public sealed partial class CommandDispatcher
{
    // /help
    private ValueTask<InputOutcome> HelpAsync(CommandContext context)
    {
        var text = new StringBuilder("Commands:");
        foreach (var spec in _table.Values)
        {
            if ((spec.NeedsRooms && !context.Member.CanChangeRooms) || (spec.Name == "weather" && !Hub.Options.WeatherEnabled)
                || (IsAccountCommand(spec.Name) && Hub.Accounts is null))
            {
                continue;
            }

            text.Append('\n').Append(spec.Syntax.PadRight(22)).Append(' ').Append(spec.Help);
        }

        context.Reply(NoticeKind.Help, text.ToString());
        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /quit
    private static ValueTask<InputOutcome> QuitAsync(CommandContext context)
    {
        context.Reply(NoticeKind.Goodbye, Goodbye);
        return ValueTask.FromResult(InputOutcome.Quit);
    }

    // /exit: the NICK-room tutorial's leave command; its clients wait for the server's "EXITING".
    private static ValueTask<InputOutcome> ExitAsync(CommandContext context)
    {
        context.Reply(NoticeKind.Goodbye, Exiting);
        return ValueTask.FromResult(InputOutcome.Quit);
    }

    // /nick <newnick>: everyone sharing a room is told by the renamed event, the member itself too (that event is
    // its answer; the text dialects show it to the renamed client as "NICKNAME CHANGED TO <newnick>").
    private ValueTask<InputOutcome> NickAsync(CommandContext context)
    {
        var nick = context.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        switch (Hub.TryRename(context.Member, nick))
        {
            case RenameResult.Unchanged:
                context.Reply(NoticeKind.Info, $"Your nickname is {context.Member.Nick} already.");
                break;
            case RenameResult.NickTaken:
                context.Member.Sink.TryDeliver(new ErrorNotice(ErrorCodes.NickTaken, NicknameInUse, Hub.Now, isBare: true));
                break;
            case RenameResult.NickInvalid:
                context.Fail(ErrorCodes.NickInvalid, $"Invalid nickname \"{Excerpt.Of(nick)}\": {NicknameRules.Describe(Hub.Options.MaxNickLength)}.");
                break;
        }

        return ValueTask.FromResult(InputOutcome.Continue);
    }
}
