using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;

using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Parley.Server.Web;

/// <summary>
/// A WebSocket seen as a byte stream, so the JSON listener's handler (and with it the connection core and
/// <c>JsonSession</c>, unchanged) serves browsers too. Two pumps translate: every incoming text message is
/// written to <see cref="Transport"/>'s input followed by <c>\n</c> (one message, one JSON frame); every line
/// the session writes (<c>JsonEventEncoder</c> ends each object with <c>\n</c> and escapes newlines inside
/// strings) leaves as one text message. The pipes carry the core's back-pressure both ways: the receive pump
/// stops reading the socket while the session does not read (message budget, server pressure), and the send
/// pump takes bytes only as fast as the socket does, which is what the core measures a slow consumer by.
/// </summary>
public sealed partial class WebSocketConnection : ConnectionContext
{
    private readonly WebSocket _socket;
    private readonly BatchingStream _stream;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _closed = new();
    private readonly Action _abortTransport;
    private Task _receiving = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;

    /// <param name="stream">The stream under <paramref name="socket"/>: the send pump writes its text frames there.</param>
    /// <param name="abortTransport">Drops the HTTP connection under the socket. Aborting a WebSocket made from a stream
    /// only disposes the stream, which does not end a read pending on Kestrel's upgraded connection.</param>
    internal WebSocketConnection(
        WebSocket socket, BatchingStream stream, Action abortTransport, string connectionId, IPEndPoint? local, IPEndPoint? remote, int maxFrameBytes)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
        _abortTransport = abortTransport;
        _stream = stream;
        ConnectionId = connectionId;
        LocalEndPoint = local;
        RemoteEndPoint = remote;
        ConnectionClosed = _closed.Token;

        // The session must be able to buffer one whole frame plus the start of the next before the receive pump
        // waits, or an oversize frame could never be seen as one (the reader needs a byte past the limit).
        var pause = (long)maxFrameBytes + (64 * 1024);
        _input = new Pipe(new PipeOptions(pauseWriterThreshold: pause, resumeWriterThreshold: pause / 2, useSynchronizationContext: false));
        _output = new Pipe(new PipeOptions(useSynchronizationContext: false));
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override EndPoint? LocalEndPoint { get; set; }

    public override EndPoint? RemoteEndPoint { get; set; }

    public override CancellationToken ConnectionClosed { get; set; }

    /// <summary>Starts both pumps; the session may run once this returns.</summary>
    public void Start()
    {
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    /// <summary>
    /// After the session and the core are done (the core completed the output): waits, at most
    /// <paramref name="timeout"/>, for the last lines and the close handshake, then aborts the socket.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        try
        {
            await Task.WhenAll(_sending, _receiving).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            AbortSocket();
        }

        await Task.WhenAll(_sending, _receiving).ConfigureAwait(false);
    }

    /// <summary>The core gave up on the client (its last bytes did not drain in time): drop the socket.</summary>
    public override void Abort(ConnectionAbortedException abortReason)
    {
        AbortSocket();
        Signal();
    }

    public override ValueTask DisposeAsync()
    {
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
