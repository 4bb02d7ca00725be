using Parley.Protocols.Json;

namespace Parley.Client.Peer;

/// <summary>Settings of one peer (the seed's chat.py). Every limit is finite.</summary>
public sealed record PeerOptions
{
    /// <summary>The user name sent in every message.</summary>
    public required string Name { get; init; }

    /// <summary>Port to listen on; 0 picks a free one (see <see cref="PeerNode.LocalEndPoint"/>).</summary>
    public int Port { get; init; }

    /// <summary>Address to listen on. Loopback by default: listening on every interface is a choice, not an accident.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The peers every typed message goes to. Links are one-way: they need not list us.</summary>
    public IReadOnlyList<PeerAddress> Peers { get; init; } = [];

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest message accepted from an inbound peer; a bigger one closes that connection.</summary>
    public int MaxFrameSize { get; init; } = JsonProtocol.DefaultMaxFrameSize;

    /// <summary>Inbound connections held at once; more are refused.</summary>
    public int MaxInboundPeers { get; init; } = 64;

    /// <summary>Received messages waiting to be shown; when full, inbound peers wait (TCP back-pressure).</summary>
    public int ReceiveQueueSize { get; init; } = 1024;
}
