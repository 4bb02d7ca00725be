namespace Parley.Client.Bench;

/// <summary>Arrival times (<c>--arrival-times</c>): receives through <see cref="KernelArrivalClock"/>, so each
/// payload's latency is also measured to the moment the kernel got it (<see cref="BenchContext.Arrivals"/>).</summary>
public sealed partial class BenchConnection
{
    private LatencyBatch? _arrivals;

    // The kernel's stamp of the newest packet of the last receive (a Stopwatch timestamp), or 0.
    private long _arrival;

    private void StartArrivalTimes()
    {
        KernelArrivalClock.Enable(_socket);
        _arrivals = new LatencyBatch();
    }

    /// <summary>Waits until the socket is readable (a zero-byte receive holds no buffer), then takes what is there
    /// with its arrival stamp.</summary>
    private async ValueTask<int> ReceiveStampedAsync(Memory<byte> into, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = KernelArrivalClock.Receive(_socket, into.Span, out _arrival);
            if (read >= 0)
            {
                return read;
            }

            await _socket.ReceiveAsync(Memory<byte>.Empty, System.Net.Sockets.SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
    }

    private void RecordArrival(long sent, BenchContext context)
    {
        if (_arrivals is not null && _arrival != 0)
        {
            _arrivals.Add((long)((_arrival - sent) * MicrosecondsPerTick), context.Arrivals!, _stripe);
        }
    }
}
