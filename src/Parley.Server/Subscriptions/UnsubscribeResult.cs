namespace Parley.Server.Subscriptions;

public enum UnsubscribeResult
{
    Unsubscribed,

    /// <summary>Nothing is registered at that address (answered as done: unsubscribing is idempotent).</summary>
    NotSubscribed,

    /// <summary>The subscription belongs to another connection, or to another IP.</summary>
    NotOwner,
}
