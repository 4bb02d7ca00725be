using System.Buffers;
using System.IO.Pipelines;

namespace Parley.Client.Connections;

/// <summary>
/// Serialises writes to one <see cref="PipeWriter"/>: the input loop sends while Ctrl+C may say goodbye, and a
/// frame must never be interleaved with another. With a <c>gap</c>, frames are flushed at least that far apart,
/// so a server that reads one message per <c>recv()</c> (unframed dialects) gets them one by one.
/// </summary>
internal sealed class FrameWriter(PipeWriter output, TimeSpan gap = default, TimeProvider? time = null) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _lastFlush;

    public async Task WriteAsync<TState>(Action<IBufferWriter<byte>, TState> encode, TState state, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (gap > TimeSpan.Zero && _lastFlush != 0 && gap - _time.GetElapsedTime(_lastFlush) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            encode(output, state);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            _lastFlush = _time.GetTimestamp();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> (shutting the socket's sending side) between frames, never inside one.</summary>
    public async Task RunBetweenFramesAsync(Action action, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            action();
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
