using System.IO.Pipelines;

namespace Parley.Protocols;

/// <summary>Reading with a deadline, for dialects that end a message with a pause (unframed bursts) and for
/// handshakes that wait briefly for the other side to speak first. Shared by the server and the client.</summary>
public static class PipeReaderTimeouts
{
    /// <summary>
    /// Reads with a time limit. On timeout the result has <see cref="ReadResult.IsCanceled"/> set and still
    /// carries the buffered bytes (a pending read is cancelled with CancelPendingRead rather than a token, which
    /// would throw and lose the buffer). A timer that fires just after the read completed can make one later
    /// read return cancelled and empty-handed; callers treat such a result as "read again".
    /// </summary>
    public static async ValueTask<ReadResult> ReadAsync(this PipeReader reader, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = time.CreateTimer(static state => ((PipeReader)state!).CancelPendingRead(), reader, timeout, Timeout.InfiniteTimeSpan);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }
}
