namespace Parley.Server.Subscriptions;

/// <summary>Whom the server may connect to for a subscriber (<c>Parley:Server:SubscribeDial</c>).</summary>
public enum SubscribeDialMode
{
    /// <summary>Never: deliveries go on the subscribing connection only.</summary>
    Off,

    /// <summary>Only the IP address the subscribing connection comes from (plus the allow-list).</summary>
    SameIp,

    /// <summary>The address as the subscriber named it (never this server's own listeners).</summary>
    Any,
}
