using System.Buffers;
using System.IO.Pipelines;

namespace Parley.Client.Connections;

/// <summary>
/// Serialises writes to one <see cref="PipeWriter"/>: the input loop sends while Ctrl+C may say goodbye, and a
/// frame must never be interleaved with another.
/// </summary>
internal sealed class FrameWriter(PipeWriter output) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task WriteAsync<TState>(Action<IBufferWriter<byte>, TState> encode, TState state, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            encode(output, state);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
