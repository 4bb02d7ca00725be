using System.IO.Pipelines;

namespace Parley.Client.Connections;

internal static class PipeReadTimeout
{
    /// <summary>
    /// Reads with a time limit. On timeout the result has <see cref="ReadResult.IsCanceled"/> set and still carries
    /// the buffered bytes (CancelPendingRead rather than a token, which would throw and lose the buffer). A timer
    /// firing just after the read completed can make one later read return cancelled and empty-handed; callers
    /// treat that as "read again". Same technique as the server's PipeReaderTimeouts.
    /// </summary>
    public static async ValueTask<ReadResult> ReadAsync(this PipeReader reader, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = time.CreateTimer(static state => ((PipeReader)state!).CancelPendingRead(), reader, timeout, Timeout.InfiniteTimeSpan);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }
}
