using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Server.Subscriptions;

/// <summary>
/// The hub's sink for one subscription: while a connection is bound (the client reads on its subscribing
/// connection) events go to that connection's outbox; otherwise to <see cref="OutboundDelivery"/>, which dials
/// the registered address. Neither path blocks, so the hub's contract holds. Reordering is possible only across
/// a switch of path (a bound connection closing with events still queued in it).
/// </summary>
public sealed class SubscriberSink : IMemberSink
{
    private readonly OutboundDelivery _outbound;
    private ISubscriptionChannel? _channel;
    private Member? _member;
    private int _ended;

    internal SubscriberSink(SubscriberAddress address, OutboundDelivery outbound)
    {
        Address = address;
        _outbound = outbound;
    }

    public SubscriberAddress Address { get; }

    /// <summary>The subscription's hub member; null only while the registry is creating it.</summary>
    public Member? Member
    {
        get => Volatile.Read(ref _member);
        internal set => Volatile.Write(ref _member, value);
    }

    /// <summary>False once unsubscribed or given up.</summary>
    public bool IsActive => Volatile.Read(ref _ended) == 0;

    internal OutboundDelivery Outbound => _outbound;

    public bool IsBoundTo(ISubscriptionChannel channel) => Volatile.Read(ref _channel) == channel;

    public void Bind(ISubscriptionChannel channel) => Volatile.Write(ref _channel, channel);

    /// <summary>Unbinds <paramref name="channel"/> if it is still the bound one (a newer subscribe may have replaced it).</summary>
    public void Unbind(ISubscriptionChannel channel) => Interlocked.CompareExchange(ref _channel, null, channel);

    public bool TryDeliver(ChatEvent chatEvent)
    {
        if (Volatile.Read(ref _channel) is { } channel && channel.TryForward(chatEvent))
        {
            return true;
        }

        return _outbound.TryEnqueue(chatEvent);
    }

    public void Complete()
    {
        Volatile.Read(ref _channel)?.CompleteForwarding();
        _outbound.Complete();
    }

    /// <summary>Marks the subscription over; true for the first caller only.</summary>
    internal bool End() => Interlocked.Exchange(ref _ended, 1) == 0;
}
