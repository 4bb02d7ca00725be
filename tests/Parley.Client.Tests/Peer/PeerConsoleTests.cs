using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

using Parley.Client.Peer;

using static Parley.Client.Tests.Peer.PeerTestKit;

namespace Parley.Client.Tests.Peer;

/// <summary>Peer mode without a terminal, as a script drives it: stdin lines out, received messages on stdout.</summary>
public class PeerConsoleTests
{
    [Fact]
    public async Task Script_mode_sends_stdin_lines_prints_received_messages_and_ends_with_stdin()
    {
        await using var alice = await StartAsync("alice");
        var stdin = new Pipe();
        var stdout = new Pipe();
        var errors = new StringWriter();
        using var input = new StreamReader(stdin.Reader.AsStream());
        using var output = new StreamWriter(stdout.Writer.AsStream()) { AutoFlush = true };
        using var printed = new StreamReader(stdout.Reader.AsStream());
        var options = new PeerOptions { Name = "bob", Peers = [AddressOf(alice)] };
        var run = PeerConsole.RunAsync(options, input, output, errors, interactive: false);

        var banner = await printed.ReadLineAsync().WaitAsync(Deadline);
        Assert.StartsWith("listening peer 127.0.0.1:", banner, StringComparison.Ordinal);
        await alice.AddPeerAsync(new PeerAddress("127.0.0.1", int.Parse(banner!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)));

        await stdin.Writer.WriteAsync("hi alice\n\nsecond line\n"u8.ToArray());
        Assert.Equal("bob: hi alice", await NextAsync(alice));
        Assert.Equal("bob: second line", await NextAsync(alice));

        Assert.Empty(await alice.SendAsync("hi bob"));
        Assert.Equal("alice: hi bob", await printed.ReadLineAsync().WaitAsync(Deadline));

        await stdin.Writer.CompleteAsync();
        Assert.Equal(0, await run.WaitAsync(Deadline));
        Assert.Equal(string.Empty, errors.ToString());
    }

    [Fact]
    public async Task Exit_sends_nothing_more_closes_every_socket_and_returns_0()
    {
        var peer = new TcpListener(IPAddress.Loopback, 0);
        peer.Start();
        try
        {
            var peerPort = ((IPEndPoint)peer.LocalEndpoint).Port;
            var output = new StringWriter();
            var errors = new StringWriter();
            var options = new PeerOptions { Name = "s", Peers = [new PeerAddress("127.0.0.1", peerPort)] };
            var input = new StringReader("hello\n exit \nnever sent\n");

            Assert.Equal(0, await PeerConsole.RunAsync(options, input, output, errors, interactive: false).WaitAsync(Deadline));

            // Everything the peer ever got, up to the end of the stream: one seed message, byte for byte.
            using var link = await peer.AcceptTcpClientAsync().WaitAsync(Deadline);
            var received = new MemoryStream();
            await link.GetStream().CopyToAsync(received).WaitAsync(Deadline);
            Assert.Equal("{\"seq\": 0, \"user\": \"s\", \"message\": \"hello\"}\n", Encoding.UTF8.GetString(received.ToArray()));

            var banner = output.ToString().Trim();
            Assert.StartsWith("listening peer 127.0.0.1:", banner, StringComparison.Ordinal);
            var ownPort = int.Parse(banner.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
            await Assert.ThrowsAnyAsync<SocketException>(() => new TcpClient().ConnectAsync(IPAddress.Loopback, ownPort).WaitAsync(Deadline));
            Assert.Equal(string.Empty, errors.ToString());
        }
        finally
        {
            peer.Stop();
        }
    }

    [Fact]
    public async Task An_unreachable_peer_is_one_line_on_stderr_and_not_fatal()
    {
        var port = FreePort();
        var errors = new StringWriter();
        var options = new PeerOptions { Name = "s", Peers = [new PeerAddress("127.0.0.1", port)] };

        var code = await PeerConsole.RunAsync(options, new StringReader("one\ntwo\n"), new StringWriter(), errors, interactive: false)
            .WaitAsync(Deadline);

        Assert.Equal(0, code);
        var lines = errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith($"peer 127.0.0.1:{port} unreachable: ", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_port_in_use_is_reported_plainly_with_exit_code_1()
    {
        await using var taken = await StartAsync("first");
        var errors = new StringWriter();
        var options = new PeerOptions { Name = "second", Port = taken.LocalEndPoint.Port };

        var code = await PeerConsole.RunAsync(options, new StringReader(string.Empty), new StringWriter(), errors, interactive: false)
            .WaitAsync(Deadline);

        Assert.Equal(1, code);
        Assert.StartsWith($"cannot listen on 127.0.0.1:{taken.LocalEndPoint.Port}: ", errors.ToString(), StringComparison.Ordinal);
    }
}
