using System.Text;

using Parley.Core.Events;

namespace Parley.Core.Commands;

public sealed partial class CommandDispatcher
{
    // /help
    private ValueTask<InputOutcome> HelpAsync(CommandContext context)
    {
        var text = new StringBuilder("Commands:");
        foreach (var spec in _table.Values)
        {
            if ((spec.NeedsRooms && !context.Member.CanChangeRooms) || (spec.Name == "weather" && !Hub.Options.WeatherEnabled))
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
}
