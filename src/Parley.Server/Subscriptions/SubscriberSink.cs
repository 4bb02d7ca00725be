using System.Net;

using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Server.Subscriptions;

/// <summary>
/// The hub's sink for one subscription: while a connection is bound (the client reads on its subscribing
/// connection) events go to that connection's outbox, and are mirrored to the registered address, because many
/// seed clients keep their subscribing connection open only to send and read on the address they registered
/// (a client that reads both sees each message twice; messages carry an "id" to tell). A mirror that finds
/// nobody listening goes quiet without ending the subscription. Without a bound connection
/// <see cref="OutboundDelivery"/> is the only path. Neither path blocks, so the hub's contract holds. Reordering is possible only across
/// a switch of path. A client that subscribes on a short connection (connect, send, close) never reads it: the
/// events forwarded to a channel within <see cref="Hosting.ServerOptions.SubscriberChannelGrace"/> of binding are
/// kept, and handed to the outbound path if the channel closes within that time.
/// </summary>
public sealed class SubscriberSink : IMemberSink
{
    private readonly OutboundDelivery _outbound;
    private readonly TimeProvider _time;
    private readonly TimeSpan _grace;
    private readonly int _probationCapacity;
    private readonly Lock _switch = new();
    private ISubscriptionChannel? _channel;
    private List<ChatEvent>? _probation;
    private long _boundAt;
    private Member? _member;
    private int _ended;

    internal SubscriberSink(string key, IPAddress ownerIp, OutboundDelivery outbound, TimeProvider time, TimeSpan grace, int probationCapacity)
    {
        Key = key;
        OwnerIp = ownerIp;
        _outbound = outbound;
        _time = time;
        _grace = grace;
        _probationCapacity = probationCapacity;
    }

    /// <summary>The registry key: the address as the subscriber named it ("127.0.0.1:6000").</summary>
    public string Key { get; }

    /// <summary>The IP address of the connection that made the subscription: only connections from it may claim
    /// the subscription again once that connection has gone, speak for it, or end it.</summary>
    public IPAddress OwnerIp { get; }

    /// <summary>True while a subscribing connection is bound (the owner: no other connection may act for it).</summary>
    public bool IsBound => Volatile.Read(ref _channel) is not null;

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

    public void Bind(ISubscriptionChannel channel)
    {
        lock (_switch)
        {
            Volatile.Write(ref _channel, channel);
            _probation = [];
            _boundAt = _time.GetTimestamp();
            _outbound.SetMirror(true);
        }
    }

    /// <summary>Unbinds <paramref name="channel"/> if it is still the bound one (a newer subscribe may have replaced
    /// it). Events it got within the grace period are delivered again through the registered address.</summary>
    public void Unbind(ISubscriptionChannel channel)
    {
        lock (_switch)
        {
            if (_channel != channel)
            {
                return;
            }

            Volatile.Write(ref _channel, null);

            // What the mirror delivered needs no replay; only a mirror that found nobody listening missed events.
            var mirrorMissed = _outbound.IsDormant;
            _outbound.SetMirror(false);
            if (mirrorMissed && _probation is { } replay && _time.GetElapsedTime(_boundAt) < _grace)
            {
                foreach (var chatEvent in replay)
                {
                    _outbound.TryEnqueue(chatEvent);
                }
            }

            _probation = null;
        }
    }

    public bool TryDeliver(ChatEvent chatEvent)
    {
        // Short and non-blocking: the lock only orders a delivery against a switch of path.
        lock (_switch)
        {
            if (_channel is { } channel && channel.TryForward(chatEvent))
            {
                if (_probation is { } probation)
                {
                    if (probation.Count < _probationCapacity && _time.GetElapsedTime(_boundAt) < _grace)
                    {
                        probation.Add(chatEvent);
                    }
                    else
                    {
                        _probation = null;
                    }
                }

                _outbound.TryEnqueue(chatEvent);
                return true;
            }

            return _outbound.TryEnqueue(chatEvent);
        }
    }

    public void Complete()
    {
        Volatile.Read(ref _channel)?.CompleteForwarding();
        _outbound.Complete();
    }

    /// <summary>Marks the subscription over; true for the first caller only.</summary>
    internal bool End() => Interlocked.Exchange(ref _ended, 1) == 0;
}
