using System.Globalization;
using System.Text;

using Parley.Core.Events;
using Parley.Core.History;
using Parley.Core.Hub;

namespace Parley.Core.Commands;

public sealed partial class CommandDispatcher
{
    // /history [N]
    private async ValueTask<InputOutcome> HistoryAsync(CommandContext context)
    {
        var count = Hub.DefaultHistoryPage;
        if (context.Arguments.Length > 0 && (!int.TryParse(context.Arguments, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            context.Fail(ErrorCodes.BadSyntax, $"Usage: /history [N] with N from 1 to {HistoryRange.MaxLimit}");
            return InputOutcome.Continue;
        }

        var answer = await Hub.ReadHistoryAsync(context.Member, null, null, HistoryRange.Latest(count), context.CancellationToken).ConfigureAwait(false);
        if (answer.Page is not { } page)
        {
            context.Fail(answer.ErrorCode!, answer.ErrorText!);
            return InputOutcome.Continue;
        }

        var text = new StringBuilder();
        text.Append(page.Entries.Count == 0
            ? $"No messages in {page.Room} yet."
            : $"{(page.Entries.Count == 1 ? "Last message" : $"Last {page.Entries.Count} messages")} in {page.Room}{(page.More ? " (older ones: /history with a bigger N)" : string.Empty)}:");
        foreach (var entry in page.Entries)
        {
            text.Append('\n').Append(HistoryText.Line(entry, withPlace: false));
        }

        context.Reply(NoticeKind.Info, text.ToString());
        return InputOutcome.Continue;
    }

    // /search <words>
    private async ValueTask<InputOutcome> SearchAsync(CommandContext context)
    {
        var answer = await Hub.SearchAsync(context.Member, context.Arguments, null, Hub.DefaultHistoryPage, context.CancellationToken).ConfigureAwait(false);
        if (answer.Page is not { } page)
        {
            context.Fail(answer.ErrorCode!, answer.ErrorText!);
            return InputOutcome.Continue;
        }

        var text = new StringBuilder();
        text.Append(page.Entries.Count == 0
            ? $"Nothing matches \"{context.Arguments}\"."
            : page.Entries.Count == 1 && !page.More
                ? $"1 message matches \"{context.Arguments}\":"
                : $"{page.Entries.Count}{(page.More ? "+" : string.Empty)} messages match \"{context.Arguments}\", newest first:");
        foreach (var entry in page.Entries)
        {
            text.Append('\n').Append(HistoryText.Line(entry, withPlace: true));
        }

        context.Reply(NoticeKind.Info, text.ToString());
        return InputOutcome.Continue;
    }
}
