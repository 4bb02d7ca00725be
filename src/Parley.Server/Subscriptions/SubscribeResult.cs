namespace Parley.Server.Subscriptions;

public enum SubscribeResult
{
    /// <summary>A new subscription and hub member.</summary>
    Subscribed,

    /// <summary>The address was registered already by this connection, or by a connection of the same IP that has
    /// gone: the subscription is kept (and bound to this connection).</summary>
    Refreshed,

    /// <summary><see cref="Hosting.ServerOptions.MaxSubscribers"/> subscriptions exist already.</summary>
    TooMany,

    /// <summary><see cref="Hosting.ServerOptions.MaxSubscriptionsPerIp"/> subscriptions come from this IP already.</summary>
    TooManyFromAddress,

    /// <summary>Another connection holds the address (its owner is connected, or it came from another IP).</summary>
    Taken,

    /// <summary>No provisional nick was free for a subscription without a usable "user".</summary>
    NoFreeNick,

    ShuttingDown,
}
