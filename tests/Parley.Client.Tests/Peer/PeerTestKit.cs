using System.Net;
using System.Net.Sockets;

using Parley.Client.Peer;

namespace Parley.Client.Tests.Peer;

internal static class PeerTestKit
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task<PeerNode> StartAsync(string name, int port = 0, params PeerAddress[] peers)
    {
        var node = new PeerNode(new PeerOptions { Name = name, Port = port, Peers = peers });
        await node.StartAsync().WaitAsync(Deadline);
        return node;
    }

    public static PeerAddress AddressOf(PeerNode node) => new("127.0.0.1", node.LocalEndPoint.Port);

    public static async Task<string> NextAsync(PeerNode node)
    {
        var message = await node.Received.ReadAsync().AsTask().WaitAsync(Deadline);
        return message.ToString();
    }

    /// <summary>
    /// A port nothing listens on right now, for a peer that is listed before it starts. The only way to name a
    /// future peer is to pick its port first; the window in which another process could take it is tiny.
    /// </summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
