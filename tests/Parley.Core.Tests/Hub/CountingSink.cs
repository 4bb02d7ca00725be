using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Tests.Hub;

/// <summary>Records what arrives and in how many calls.</summary>
internal sealed class CountingSink : IMemberSink
{
    private readonly Lock _gate = new();
    private readonly List<ChatEvent> _events = [];
    private readonly List<int> _calls = [];

    public bool TryDeliver(ChatEvent chatEvent) => TryDeliverMany([chatEvent]);

    public bool TryDeliverMany(ReadOnlySpan<ChatEvent> chatEvents)
    {
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

    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
            _calls.Clear();
        }
    }

    public string[] Texts()
    {
        lock (_gate)
        {
            return [.. _events.OfType<MessagePosted>().Select(m => m.Text)];
        }
    }

    public ChatEvent[] Events()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    public int[] CallSizes()
    {
        lock (_gate)
        {
            return [.. _calls];
        }
    }
}
