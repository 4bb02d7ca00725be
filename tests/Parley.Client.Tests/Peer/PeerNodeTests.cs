using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

using Parley.Client.Peer;

using static Parley.Client.Tests.Peer.PeerTestKit;

namespace Parley.Client.Tests.Peer;

public class PeerNodeTests
{
    [Fact]
    public async Task The_seeds_three_peers_reach_whom_they_list_and_only_them()
    {
        // chat.py user1 ... 2 3 / user2 ... 1 3 / user3 ... 1: user3 reaches user1 only.
        await using var user1 = await StartAsync("user1");
        await using var user2 = await StartAsync("user2");
        await using var user3 = await StartAsync("user3");
        await user1.AddPeerAsync(AddressOf(user2));
        await user1.AddPeerAsync(AddressOf(user3));
        await user2.AddPeerAsync(AddressOf(user1));
        await user2.AddPeerAsync(AddressOf(user3));
        await user3.AddPeerAsync(AddressOf(user1));

        Assert.Empty(await user1.SendAsync("hello from 1"));
        Assert.Equal("user1: hello from 1", await NextAsync(user2));
        Assert.Equal("user1: hello from 1", await NextAsync(user3));

        Assert.Empty(await user2.SendAsync("hello from 2"));
        Assert.Equal("user2: hello from 2", await NextAsync(user1));
        Assert.Equal("user2: hello from 2", await NextAsync(user3));

        Assert.Empty(await user3.SendAsync("hello from 3"));
        Assert.Equal("user3: hello from 3", await NextAsync(user1));

        // user3 never dialled user2, so user2's next message is user1's marker, not user3's.
        Assert.Empty(await user1.SendAsync("end"));
        Assert.Equal("user1: end", await NextAsync(user2));
        Assert.Equal("user1: end", await NextAsync(user3));
    }

    [Fact]
    public async Task Peers_are_dialled_on_each_message_so_a_late_peer_gets_the_next_one()
    {
        var latePort = FreePort();
        var late = new PeerAddress("127.0.0.1", latePort);
        await using var early = await StartAsync("early", 0, late);

        var failure = Assert.Single(await early.SendAsync("first"));
        Assert.Equal(late, failure.Peer);
        Assert.StartsWith($"peer 127.0.0.1:{latePort} unreachable: ", failure.ToString(), StringComparison.Ordinal);

        await using var lateNode = await StartAsync("late", latePort);
        Assert.Empty(await early.SendAsync("second"));
        var message = await lateNode.Received.ReadAsync().AsTask().WaitAsync(Deadline);
        Assert.Equal(new PeerMessage("early", "second", 1), message);
    }

    [Fact]
    public async Task A_link_closed_by_its_peer_is_dropped_and_dialled_again()
    {
        await using var sender = await StartAsync("sender");
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            await sender.AddPeerAsync(new PeerAddress("127.0.0.1", ((System.Net.IPEndPoint)listener.LocalEndpoint).Port));
            Assert.Empty(await sender.SendAsync("one"));
            using (var first = await listener.AcceptTcpClientAsync().WaitAsync(Deadline))
            {
                Assert.Equal("{\"seq\": 0, \"user\": \"sender\", \"message\": \"one\"}\n", await ReadLineAsync(first.GetStream()));
            }

            // The peer hung up. Whether the sender noticed yet or finds out when writing, "two" still arrives
            // over a fresh connection.
            var second = listener.AcceptTcpClientAsync();
            Assert.Empty(await sender.SendAsync("two"));
            using var again = await second.WaitAsync(Deadline);
            Assert.Equal("{\"seq\": 1, \"user\": \"sender\", \"message\": \"two\"}\n", await ReadLineAsync(again.GetStream()));
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Inbound_peers_may_send_unframed_concatenated_and_split_objects()
    {
        var reports = Channel.CreateUnbounded<string>();
        await using var node = new PeerNode(new PeerOptions { Name = "me" }, r => reports.Writer.TryWrite(r));
        await node.StartAsync();
        using var raw = new TcpClient();
        await raw.ConnectAsync(node.LocalEndPoint).WaitAsync(Deadline);
        var stream = raw.GetStream();

        await stream.WriteAsync("""{"seq": 0, "user": "py", "message": "a"}{"message":"b","user":"py","seq":1}"""u8.ToArray());
        await stream.FlushAsync();
        Assert.Equal("py: a", await NextAsync(node));
        Assert.Equal("py: b", await NextAsync(node));

        await stream.WriteAsync("""{"seq": 2, "user": "py", "mess"""u8.ToArray());
        await stream.FlushAsync();
        await stream.WriteAsync("""age": "split é"} garbage"""u8.ToArray());
        await stream.WriteAsync("\n{\"seq\": 3, \"user\": \"py\", \"message\": \"after\"}"u8.ToArray());
        Assert.Equal("py: split é", await NextAsync(node));
        Assert.Equal("py: after", await NextAsync(node));
        Assert.StartsWith("bad message from 127.0.0.1:", await reports.Reader.ReadAsync().AsTask().WaitAsync(Deadline), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_closes_inbound_sockets_and_the_listener()
    {
        var node = await StartAsync("closing");
        var endPoint = node.LocalEndPoint;
        using var raw = new TcpClient();
        await raw.ConnectAsync(endPoint).WaitAsync(Deadline);
        await node.DisposeAsync();

        // Closed either way: an orderly end of stream, or a reset if the close raced the accept.
        try
        {
            Assert.Equal(0, await raw.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(Deadline));
        }
        catch (IOException)
        {
        }

        await Assert.ThrowsAnyAsync<SocketException>(() => new TcpClient().ConnectAsync(endPoint).WaitAsync(Deadline));
        Assert.True(node.Received.Completion.IsCompleted);
    }

    [Theory]
    [InlineData("127.0.0.1:5002", "127.0.0.1", 5002)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("[::1]:65535", "::1", 65535)]
    public void Parses_host_port(string text, string host, int port)
    {
        Assert.True(PeerAddress.TryParse(text, out var address));
        Assert.Equal(new PeerAddress(host, port), address);
        Assert.Equal(text, address!.ToString());
    }

    [Theory]
    [InlineData("5002")]
    [InlineData(":5002")]
    [InlineData("host:")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:-1")]
    public void Refuses_what_is_not_host_port(string text)
    {
        Assert.False(PeerAddress.TryParse(text, out _));
    }

    internal static async Task<string> ReadLineAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one).AsTask().WaitAsync(Deadline) == 1)
        {
            bytes.Add(one[0]);
            if (one[0] == (byte)'\n')
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
