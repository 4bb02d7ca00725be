namespace Parley.Client.Connections;

/// <summary>The server acknowledged a seed-style subscribe or unsubscribe for <paramref name="Client"/> (HOST:PORT).</summary>
public sealed record SubscriptionChanged(string Client, bool IsSubscribed) : ClientEvent;
