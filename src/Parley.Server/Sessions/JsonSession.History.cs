using Parley.Core.Commands;
using Parley.Core.History;
using Parley.Core.Hub;
using Parley.Protocols.Json;

namespace Parley.Server.Sessions;

public sealed partial class JsonSession
{
    // {"type":"history","room":"#general","before":120,"limit":50} or {"type":"history","with":"bob"}
    private async ValueTask<InputOutcome> HistoryAsync(Member sender, ClientRequest request, CancellationToken aborted)
    {
        var range = new HistoryRange(request.Before, request.After, Limit(request.Limit));
        Answer(await _hub.ReadHistoryAsync(sender, Room(request.Room), request.With, range, aborted).ConfigureAwait(false));
        return InputOutcome.Continue;
    }

    // {"type":"search","query":"words","before":120,"limit":20}
    private async ValueTask<InputOutcome> SearchAsync(Member sender, ClientRequest request, CancellationToken aborted)
    {
        Answer(await _hub.SearchAsync(sender, request.Query!, request.Before, Limit(request.Limit), aborted).ConfigureAwait(false));
        return InputOutcome.Continue;
    }

    private int Limit(long? limit) => (int)Math.Clamp(limit ?? _hub.DefaultHistoryPage, 1, HistoryRange.MaxLimit);

    private void Answer(HistoryAnswer answer)
    {
        if (answer.Page is { } page)
        {
            Reply(page);
        }
        else
        {
            ReplyError(answer.ErrorCode!, answer.ErrorText!);
        }
    }
}
