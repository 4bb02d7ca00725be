using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

using Parley.Protocols.Json;

namespace Parley.Client.Peer;

/// <summary>
/// One peer of the seed's chat.py: listens for any number of inbound peers, and sends each typed message as
/// <c>{"seq": n, "user": NAME, "message": text}</c> to every listed peer, dialling them on the first message
/// only (they may not be running yet). An unreachable peer is reported, never fatal, and tried again next time.
/// </summary>
public sealed class PeerNode : IAsyncDisposable
{
    private readonly PeerOptions _options;
    private readonly Channel<PeerMessage> _received;
    private readonly Action<string> _report;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly List<PeerLink> _links = []; // guarded by _sendLock
    private PeerListener? _listener;
    private long _nextSeq;
    private bool _disposed;

    /// <param name="report">Told, in plain words, about bad input from inbound peers; never about send failures,
    /// which <see cref="SendAsync"/> returns.</param>
    public PeerNode(PeerOptions options, Action<string>? report = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _report = report ?? (static _ => { });
        _received = Channel.CreateBounded<PeerMessage>(new BoundedChannelOptions(options.ReceiveQueueSize)
        {
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        foreach (var peer in options.Peers)
        {
            _links.Add(new PeerLink(peer, options.ConnectTimeout));
        }
    }

    /// <summary>Messages from inbound peers, in arrival order per peer. Completes when the node is disposed.</summary>
    public ChannelReader<PeerMessage> Received => _received.Reader;

    /// <summary>Where the node listens (the real port when <see cref="PeerOptions.Port"/> was 0); set by <see cref="StartAsync"/>.</summary>
    public IPEndPoint LocalEndPoint => _listener?.LocalEndPoint ?? throw new InvalidOperationException("The peer is not started.");

    /// <summary>Binds and starts accepting peers. Throws SocketException when the address is taken or not local.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var address = IPAddress.TryParse(_options.Host, out var parsed)
            ? parsed
            : (await Dns.GetHostAddressesAsync(_options.Host, cancellationToken).ConfigureAwait(false))[0];
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, _options.Port));
            socket.Listen(backlog: 64);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listener = new PeerListener(socket, _options, _received.Writer, _report);
        _listener.Start();
    }

    /// <summary>Adds a peer to send to from the next message on (links are one-way: it need not list us).</summary>
    public async Task AddPeerAsync(PeerAddress peer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peer);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _links.Add(new PeerLink(peer, _options.ConnectTimeout));
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Sends <paramref name="text"/> to every listed peer with the next sequence number (from 0) and returns the
    /// peers it did not reach. Peers are written concurrently so one slow dial does not delay the others; each is
    /// bounded by the connect timeout. When this returns, the bytes are handed to the OS for every reached peer.
    /// </summary>
    public async Task<IReadOnlyList<PeerSendFailure>> SendAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var line = SeedMessageWriter.ToArray(_nextSeq++, _options.Name, text);
            var results = await Task.WhenAll(_links.Select(link => link.TrySendAsync(line, cancellationToken))).ConfigureAwait(false);
            var failures = new List<PeerSendFailure>();
            for (var i = 0; i < results.Length; i++)
            {
                if (results[i] is { } reason)
                {
                    failures.Add(new PeerSendFailure(_links[i].Address, reason));
                }
            }

            return failures;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes every socket, inbound and outbound, and completes <see cref="Received"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_listener is not null)
        {
            await _listener.StopAsync().ConfigureAwait(false);
        }

        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var link in _links)
            {
                await link.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }

        _received.Writer.TryComplete();
    }
}
