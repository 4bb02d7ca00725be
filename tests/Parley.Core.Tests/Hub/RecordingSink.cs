using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>An in-memory stand-in for a connection's outbox: records what the hub delivers, in order.
/// <see cref="Accepts"/> false plays a full outbox (the event is recorded, then refused).</summary>
public sealed class RecordingSink : IMemberSink
{
    private readonly Lock _gate = new();
    private readonly List<ChatEvent> _events = [];
    private int _eventsBeforeComplete = -1;
    private int _completeCalls;

    public bool Accepts { get; set; } = true;

    public IReadOnlyList<ChatEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public int CompleteCalls
    {
        get
        {
            lock (_gate)
            {
                return _completeCalls;
            }
        }
    }

    /// <summary>How many events had arrived when <see cref="Complete"/> was first called; -1 before.</summary>
    public int EventsBeforeComplete
    {
        get
        {
            lock (_gate)
            {
                return _eventsBeforeComplete;
            }
        }
    }

    public bool TryDeliver(ChatEvent chatEvent)
    {
        lock (_gate)
        {
            _events.Add(chatEvent);
        }

        return Accepts;
    }

    public void Complete()
    {
        lock (_gate)
        {
            if (_completeCalls++ == 0)
            {
                _eventsBeforeComplete = _events.Count;
            }
        }
    }

    public IReadOnlyList<T> Received<T>()
        where T : ChatEvent => [.. Events.OfType<T>()];

    public T Single<T>()
        where T : ChatEvent => Assert.IsType<T>(Assert.Single(Events));

    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }
}
