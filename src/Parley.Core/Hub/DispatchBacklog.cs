namespace Parley.Core.Hub;

/// <summary>
/// Hub-wide back-pressure from room dispatch: a room whose dispatch queue is longer than
/// <see cref="HubOptions.RoomQueueLength"/> holds it up until its dispatcher has worked the queue down to half.
/// Read loops wait at <see cref="WaitAsync"/> before handling the next message (so the server stops reading its
/// senders, TCP back-pressure); nothing is dropped and no reader is disconnected because of it.
/// </summary>
public sealed class DispatchBacklog
{
    private readonly Lock _lock = new();
    private int _rooms;
    private TaskCompletionSource? _clear;

    /// <summary>Rooms currently over their queue bound.</summary>
    public int Rooms => Volatile.Read(ref _rooms);

    /// <summary>Completes at once when no room is over its bound (no allocation); else when the last one is under.</summary>
    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _rooms) == 0)
        {
            return ValueTask.CompletedTask;
        }

        Task wait;
        lock (_lock)
        {
            if (_rooms == 0)
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
            _rooms++;
        }
    }

    internal void Exit()
    {
        TaskCompletionSource? clear = null;
        lock (_lock)
        {
            if (--_rooms == 0)
            {
                clear = _clear;
                _clear = null;
            }
        }

        clear?.TrySetResult();
    }
}
