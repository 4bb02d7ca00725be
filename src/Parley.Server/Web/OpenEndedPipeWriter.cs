using System.IO.Pipelines;

namespace Parley.Server.Web;

/// <summary>
/// The upgraded HTTP connection's output as the connection core sees it: every call goes to Kestrel's writer except
/// <see cref="Complete"/>. The core completes its output once its last bytes are out, but a WebSocket's close frame
/// still has to follow (RFC 6455 §7.1.2), and the request's end closes the connection anyway.
/// </summary>
internal sealed class OpenEndedPipeWriter(PipeWriter inner) : PipeWriter
{
    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void Advance(int bytes) => inner.Advance(bytes);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
    }
}
