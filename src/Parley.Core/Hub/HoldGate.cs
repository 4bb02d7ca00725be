namespace Parley.Core.Hub;

/// <summary>
/// A count of things holding a gate shut, and a wait until none does: the shape of the server's back-pressure on
/// its senders (<see cref="DispatchBacklog"/>, and the connection core's send pressure). Whatever is behind calls
/// <see cref="Enter"/> once and <see cref="Exit"/> once when it caught up; read loops await <see cref="WaitAsync"/>
/// before handling the next message, so the server stops reading its senders (TCP back-pressure) meanwhile.
/// </summary>
public abstract class HoldGate
{
    private readonly Lock _lock = new();
    private int _holders;
    private TaskCompletionSource? _clear;

    /// <summary>How many hold the gate now.</summary>
    protected int Holders => Volatile.Read(ref _holders);

    /// <summary>Completes at once when nothing holds the gate (no allocation); else when the last holder leaves.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _holders) == 0)
        {
            return ValueTask.CompletedTask;
        }

        Task wait;
        lock (_lock)
        {
            if (_holders == 0)
            {
                return ValueTask.CompletedTask;
            }

            _clear ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _clear.Task;
        }

        return new ValueTask(wait.WaitAsync(cancellationToken));
    }

    /// <summary>One more holder; pair with exactly one <see cref="Exit"/>.</summary>
    public void Enter()
    {
        lock (_lock)
        {
            _holders++;
        }
    }

    /// <summary>One holder less; the last one releases every waiter.</summary>
    public void Exit()
    {
        TaskCompletionSource? clear = null;
        lock (_lock)
        {
            if (--_holders == 0)
            {
                clear = _clear;
                _clear = null;
            }
        }

        clear?.TrySetResult();
    }
}
