namespace Parley.Server.Connections;

/// <summary>Back-pressure on the senders while this output is behind, and the stall check that releases it.</summary>
public sealed partial class ConnectionOutput
{
    /// <summary>
    /// Heartbeat check: a congested output whose transport made no progress within <paramref name="window"/> is
    /// not the busy server's fault (its peer stopped reading), so it stops holding the senders back; it stays a
    /// candidate slow consumer. Progress makes it eligible again.
    /// </summary>
    public void CheckStall(TimeSpan window)
    {
        lock (_lock)
        {
            if (_congested && _pendingSince != 0 && _time.GetElapsedTime(Math.Max(_pendingSince, _lastProgress)) > window)
            {
                _stalled = true;
                ExitPressureLocked();
            }
        }
    }

    private void ExitPressureLocked()
    {
        if (_congested)
        {
            _congested = false;
            _pressure!.Exit();
        }
    }
}
