using System.Diagnostics;
using System.Net.Sockets;

namespace Parley.Client.Bench;

/// <summary>
/// Sends one client's messages on its <see cref="SendSchedule"/>: sleeps until the next is due, then sends
/// every overdue message in one write, each stamped with the time it leaves. The frames are laid out once;
/// only their timestamps are rewritten. Counts and lags cover messages stamped inside the window.
/// </summary>
public sealed class BenchSender
{
    // Catching up after a stall sends at most this many frames per write.
    private const int MaxBatch = 64;

    private readonly BenchConnection _connection;
    private readonly byte[] _frames;
    private readonly int _frameLength;
    private readonly int _timestampOffset;
    private long _sent;
    private long _lagSum;
    private long _lagMax;

    internal BenchSender(BenchConnection connection, IBenchDialect dialect, int payloadBytes)
    {
        _connection = connection;
        Span<byte> payload = stackalloc byte[payloadBytes];
        BenchPayload.Write(payload, 0, payloadBytes);
        _frameLength = payloadBytes + dialect.FrameOverhead;
        _frames = new byte[_frameLength * MaxBatch];
        for (var i = 0; i < MaxBatch; i++)
        {
            dialect.WriteMessage(_frames.AsSpan(i * _frameLength, _frameLength), payload);
        }

        _timestampOffset = dialect.PayloadOffset + BenchPayload.Marker.Length;
    }

    /// <summary>Messages stamped inside the window.</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Sum of the lags (timestamp units) of the messages counted in <see cref="Sent"/>.</summary>
    public long LagSum => Volatile.Read(ref _lagSum);

    /// <summary>Largest lag (timestamp units) of a message counted in <see cref="Sent"/>.</summary>
    public long LagMax => Volatile.Read(ref _lagMax);

    /// <summary>Starts a new step's maximum lag; only while the sender is not running.</summary>
    public void ResetLagMax() => Volatile.Write(ref _lagMax, 0);

    /// <summary>Sends on <paramref name="schedule"/> until <paramref name="stopAt"/> (a timestamp). Ends quietly
    /// when the connection fails (its receive loop reports the disconnect) or on cancellation.</summary>
    public async Task RunAsync(SendSchedule schedule, BenchWindow window, long stopAt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= stopAt)
                {
                    return;
                }

                var count = schedule.TakeDue(now, MaxBatch, out var oldestLag, out var totalLag);
                if (count == 0)
                {
                    var wait = Stopwatch.GetElapsedTime(now, Math.Min(schedule.NextDue, stopAt));
                    await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                for (var i = 0; i < count; i++)
                {
                    BenchPayload.WriteTimestamp(_frames.AsSpan(i * _frameLength + _timestampOffset, BenchPayload.TimestampDigits), now);
                }

                if (window.Contains(now))
                {
                    Volatile.Write(ref _sent, _sent + count);
                    Volatile.Write(ref _lagSum, _lagSum + totalLag);
                    if (oldestLag > _lagMax)
                    {
                        Volatile.Write(ref _lagMax, oldestLag);
                    }
                }

                await _connection.SendAsync(_frames.AsMemory(0, count * _frameLength), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
