using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>
/// A sink that records each call (one event, or a batch) and, while <see cref="Hold"/> is set, blocks the next
/// delivery until <see cref="Release"/>: it plays a dispatcher that is busy sending, so that other posters'
/// events pile up behind it. Blocking breaks the sink contract on purpose; only tests do it.
/// </summary>
public sealed class GatedSink : IMemberSink
{
    private readonly Lock _gate = new();
    private readonly List<ChatEvent> _events = [];
    private readonly List<int> _calls = [];
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly SemaphoreSlim _entered = new(0);

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

    /// <summary>The size of each delivery call, in order (1 for <see cref="TryDeliver"/>).</summary>
    public IReadOnlyList<int> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public void Hold() => _open.Reset();

    public void Release() => _open.Set();

    /// <summary>Completes when a delivery is blocked at the gate.</summary>
    public Task<bool> HeldAsync(TimeSpan timeout) => _entered.WaitAsync(timeout);

    public bool TryDeliver(ChatEvent chatEvent) => TryDeliverMany([chatEvent]);

    public bool TryDeliverMany(ReadOnlySpan<ChatEvent> chatEvents)
    {
        if (!_open.IsSet)
        {
            _entered.Release();
            Assert.True(_open.Wait(TimeSpan.FromSeconds(30)), "the test never released the gate");
        }

        lock (_gate)
        {
            _events.AddRange(chatEvents);
            _calls.Add(chatEvents.Length);
        }

        return true;
    }

    public void Complete()
    {
    }
}
