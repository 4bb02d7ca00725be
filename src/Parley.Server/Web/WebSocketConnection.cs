using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

using Parley.Server.Connections;

namespace Parley.Server.Web;

/// <summary>
/// A WebSocket as a connection the JSON listener's handler serves like a TCP client (same connection core, same
/// <c>JsonSession</c>, same limits, back-pressure and goodbyes). Sending: the core writes each event straight into
/// the upgraded HTTP connection, framed by <see cref="WebSocketFraming"/> (offered as the context's
/// <see cref="IMessageFraming"/> feature): no pipe or pump in between. On a bare TCP socket (no TLS) the frames go
/// out with the socket's own send, as a TCP client's bytes do (<c>DirectSocketSends</c>); otherwise the writer is the
/// platform's <see cref="PipeWriter.Create(Stream, StreamPipeWriterOptions)"/> over the upgraded stream (Kestrel turns
/// the response's own body writer into one that throws once the connection is upgraded). Either way a batch the core
/// flushes is one write, and that flush completes only when the bytes are taken (by the kernel, or by Kestrel's
/// output), which is what the core measures a slow consumer by. Receiving: a pump writes every incoming
/// text message to <see cref="Transport"/>'s input followed by <c>\n</c> (one message, one JSON frame); the pipe
/// carries back-pressure, as the pump stops reading the socket while the session does not read.
/// </summary>
public sealed partial class WebSocketConnection : ConnectionContext
{
    private readonly WebSocket _socket;
    private readonly WebSocketFraming _framing;
    private readonly Pipe _input;
    private readonly CancellationTokenSource _closed = new();
    private readonly Action _abortTransport;
    private readonly ILogger _logger;
    private Task _receiving = Task.CompletedTask;
    private int _aborted;

    /// <param name="upgraded">The upgraded connection's stream: the client's frames are read from it, every frame written to it
    /// unless <paramref name="directSocket"/> is given.</param>
    /// <param name="directSocket">The plain TCP socket under the connection, when frames may be written with its own
    /// send (<see cref="Transport.SocketPipeWriter"/>) instead of through Kestrel's HTTP output; null otherwise.</param>
    /// <param name="abortTransport">Drops the HTTP connection under the socket. Aborting a WebSocket made from a stream
    /// only disposes the stream, which does not end a read pending on Kestrel's upgraded connection.</param>
    internal WebSocketConnection(
        Stream upgraded, Socket? directSocket, TimeSpan keepAlive, Action abortTransport, string connectionId, IPEndPoint? local, IPEndPoint? remote, int maxFrameBytes, ILogger logger)
    {
        _logger = logger;
        var kestrelOutput = PipeWriter.Create(upgraded, new StreamPipeWriterOptions(leaveOpen: true));
        PipeWriter output = directSocket is null ? kestrelOutput : new Transport.SocketPipeWriter(directSocket, kestrelOutput);
        _framing = new WebSocketFraming(output);
        _socket = WebSocket.CreateFromStream(
            new WebSocketTransportStream(upgraded, _framing), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = keepAlive });
        _abortTransport = abortTransport;
        ConnectionId = connectionId;
        LocalEndPoint = local;
        RemoteEndPoint = remote;
        ConnectionClosed = _closed.Token;
        Features.Set<IMessageFraming>(_framing);

        // The session must be able to buffer one whole frame plus the start of the next before the receive pump
        // waits, or an oversize frame could never be seen as one (the reader needs a byte past the limit).
        var pause = (long)maxFrameBytes + (64 * 1024);
        _input = new Pipe(new PipeOptions(pauseWriterThreshold: pause, resumeWriterThreshold: pause / 2, useSynchronizationContext: false));
        Transport = new DuplexPipe(_input.Reader, new OpenEndedPipeWriter(output));
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override EndPoint? LocalEndPoint { get; set; }

    public override EndPoint? RemoteEndPoint { get; set; }

    public override CancellationToken ConnectionClosed { get; set; }

    /// <summary>Starts the receive pump; the session may run once this returns.</summary>
    public void Start() => _receiving = ReceiveAsync();

    /// <summary>The core gave up on the client (its last bytes did not drain in time): drop the socket.</summary>
    public override void Abort(ConnectionAbortedException abortReason)
    {
        Volatile.Write(ref _aborted, 1);
        AbortSocket();
        Signal();
    }

    public override ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _closed.Dispose();
        return ValueTask.CompletedTask;
    }

    private void AbortSocket()
    {
        _socket.Abort();
        _abortTransport();
    }

    private void Signal()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
