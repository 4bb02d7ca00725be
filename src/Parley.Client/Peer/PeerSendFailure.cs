namespace Parley.Client.Peer;

/// <summary>A peer a message did not reach, and why in plain words. The peer is dialled again on the next message.</summary>
public sealed record PeerSendFailure(PeerAddress Peer, string Reason)
{
    public override string ToString() => $"peer {Peer} unreachable: {Reason}";
}
