using System.Globalization;

using Parley.Core.History;
using Parley.Protocols.Irc;

namespace Parley.Server.Sessions;

/// <summary>
/// IRCv3 draft/chathistory <c>TARGETS</c>: the rooms the member is in and its direct conversations (by identity, as
/// every direct-message read) whose latest message lies strictly between two timestamps, as a
/// <c>draft/chathistory-targets</c> batch of <c>CHATHISTORY TARGETS &lt;target&gt; &lt;time&gt;</c> lines. Oldest
/// activity first when the first timestamp is the earlier, newest first when it is the later (as BETWEEN reads).
/// </summary>
public sealed partial class IrcSession
{
    // CHATHISTORY TARGETS <timestamp=...> <timestamp=...> <limit>
    private async ValueTask TargetsAsync(IrcMessage message, CancellationToken aborted)
    {
        if (!_hub.HistoryEnabled)
        {
            Fail("CHATHISTORY", "MESSAGE_ERROR", "TARGETS", "This server keeps no history");
            return;
        }

        if (!int.TryParse(message[3], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            Fail("CHATHISTORY", "INVALID_PARAMS", "TARGETS", "The limit must be a positive number");
            return;
        }

        if (TryParseReference(message[1], allowStar: false) is not { Time: { } first }
            || TryParseReference(message[2], allowStar: false) is not { Time: { } second })
        {
            Fail("CHATHISTORY", "INVALID_PARAMS", "TARGETS", "TARGETS takes two references timestamp=<YYYY-MM-DDThh:mm:ss.sssZ>");
            return;
        }

        Flush();
        IReadOnlyList<HistoryTarget>? targets;
        try
        {
            targets = await _hub.ReadTargetsAsync(_member!, first, second, limit, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryFailed(Who, ex);
            Fail("CHATHISTORY", "MESSAGE_ERROR", "TARGETS", "History could not be read; try again later");
            return;
        }

        if (targets is null)
        {
            Fail("CHATHISTORY", "MESSAGE_ERROR", "TARGETS", "This server keeps no history");
            return;
        }

        var batch = OpenHistoryBatch("draft/chathistory-targets");
        foreach (var target in targets)
        {
            IrcHistoryLines.WriteTarget(_out, ServerName, target, batch);
        }

        CloseHistoryBatch(batch);
    }
}
