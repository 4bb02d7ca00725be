using System.Net;

namespace Parley.Server.Subscriptions;

/// <summary>
/// What the server will do for a subscribe naming an address: register it under <see cref="Key"/> and dial
/// <see cref="Target"/> (null: never dial, the subscription lives on its connection), or refuse with
/// <see cref="Refusal"/>, a sentence for the subscriber.
/// </summary>
public sealed record DialPlan(string Key, IPEndPoint? Target, string? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static DialPlan Refuse(string key, string reason) => new(key, null, reason);
}
