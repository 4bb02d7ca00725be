using System.Net;
using System.Net.Sockets;

using Parley.Client.Connections;

namespace Parley.Client.Tests.Connections;

/// <summary>The accept loop shared by the subscriber's delivery listener and peer mode, on real loopback sockets.</summary>
public sealed class InboundListenerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Refuses_beyond_its_limit_and_stop_closes_every_connection_and_waits_for_its_reader()
    {
        var serving = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var served = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inbound = new InboundListener(
            Listen(),
            maxInbound: 1,
            async (socket, from, stopping) =>
            {
                serving.TrySetResult(from);
                try
                {
                    await Task.Delay(Timeout.Infinite, stopping);
                }
                finally
                {
                    served.TrySetResult();
                }
            },
            from => refused.TrySetResult(from));
        inbound.Start();

        using var first = await ConnectAsync(inbound.LocalEndPoint);
        var from = await serving.Task.WaitAsync(Bound);
        Assert.Equal(first.LocalEndPoint!.ToString(), from);

        using var second = await ConnectAsync(inbound.LocalEndPoint);
        Assert.Equal(second.LocalEndPoint!.ToString(), await refused.Task.WaitAsync(Bound));
        Assert.True(await IsClosedAsync(second));

        await inbound.StopAsync().WaitAsync(Bound);
        Assert.True(served.Task.IsCompleted, "StopAsync returned before the reader finished.");
        Assert.True(await IsClosedAsync(first));
        await inbound.StopAsync().WaitAsync(Bound);
    }

    private static Socket Listen()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen();
        return socket;
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint).WaitAsync(Bound);
        return socket;
    }

    // End of stream or a reset: either way the listener closed it.
    private static async Task<bool> IsClosedAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[1], SocketFlags.None).WaitAsync(Bound) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
