namespace Parley.Server.Subscriptions;

public enum SubscribeResult
{
    /// <summary>A new subscription and hub member.</summary>
    Subscribed,

    /// <summary>The address was registered already; the subscription is kept (and bound to the new connection).</summary>
    Refreshed,

    /// <summary><see cref="Hosting.ServerOptions.MaxSubscribers"/> subscriptions exist already.</summary>
    TooMany,

    ShuttingDown,
}
