namespace Parley.Server.Subscriptions;

/// <summary>What a delivery connection looks like before the next write.</summary>
internal enum PeerStatus
{
    Open,

    /// <summary>The listener closed after reading what we sent.</summary>
    Closed,

    /// <summary>The listener closed and refused (or dropped unread) data we had written: resend the last write.</summary>
    Reset,
}
