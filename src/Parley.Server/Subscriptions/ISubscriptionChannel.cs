using Parley.Core.Events;

namespace Parley.Server.Subscriptions;

/// <summary>An open client connection that carries a subscription's deliveries while it lasts (the subscribing
/// connection of a client that reads on it).</summary>
public interface ISubscriptionChannel
{
    /// <summary>Queues without blocking; false when the connection is closing or its outbox is full (then it
    /// disconnects itself) and the event should go another way.</summary>
    bool TryForward(ChatEvent chatEvent);

    /// <summary>The subscription ends (server shutdown): send what is queued, then close.</summary>
    void CompleteForwarding();
}
