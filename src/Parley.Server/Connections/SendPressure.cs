namespace Parley.Server.Connections;

/// <summary>
/// Server-wide back-pressure on senders. A connection whose transport is behind while it is still making
/// progress (its peer reads, the server is just busy) holds the pressure up; read loops wait at
/// <see cref="WaitAsync"/> before handling the next message, so the server stops reading its senders
/// (TCP back-pressure) instead of letting send queues grow until readers look like slow consumers.
/// A connection that makes no progress for a while lets go (see <see cref="ConnectionOutput.CheckStall"/>),
/// so one peer that stopped reading cannot hold the room up: it is a slow consumer and is cut off.
/// </summary>
public sealed class SendPressure
{
    private readonly Lock _lock = new();
    private int _congested;
    private TaskCompletionSource? _clear;

    /// <summary>Connections currently holding the pressure up.</summary>
    public int Congested => Volatile.Read(ref _congested);

    /// <summary>Completes at once when no connection is congested (no allocation); else when the last one drains.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _congested) == 0)
        {
            return ValueTask.CompletedTask;
        }

        Task wait;
        lock (_lock)
        {
            if (_congested == 0)
            {
                return ValueTask.CompletedTask;
            }

            _clear ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _clear.Task;
        }

        return new ValueTask(wait.WaitAsync(cancellationToken));
    }

    internal void Enter()
    {
        lock (_lock)
        {
            _congested++;
        }
    }

    internal void Exit()
    {
        TaskCompletionSource? clear = null;
        lock (_lock)
        {
            if (--_congested == 0)
            {
                clear = _clear;
                _clear = null;
            }
        }

        clear?.TrySetResult();
    }
}
