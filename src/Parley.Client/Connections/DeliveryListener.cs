using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Parley.Client.Connections;

/// <summary>
/// The listening half of the seed's chat5.py: the server may dial the address we subscribed with and write
/// deliveries there, one JSON object per line, message-shaped. Every inbound connection is read with the
/// protocol's framing and its frames are mapped seed-style (user "server" is a notice).
/// </summary>
internal sealed class DeliveryListener
{
    /// <summary>Inbound connections held at once; more are refused, so a flood of dials cannot exhaust us.</summary>
    public const int MaxInbound = 64;

    private readonly ChannelWriter<ClientEvent> _events;
    private readonly int _maxFrameSize;
    private readonly DeliveryDeduplicator _deduplicator;
    private readonly InboundListener _inbound;

    public DeliveryListener(Socket listener, ChannelWriter<ClientEvent> events, int maxFrameSize, DeliveryDeduplicator deduplicator)
    {
        _events = events;
        _maxFrameSize = maxFrameSize;
        _deduplicator = deduplicator;
        _inbound = new InboundListener(listener, MaxInbound, ReadAsync);
    }

    public IPEndPoint LocalEndPoint => _inbound.LocalEndPoint;

    public void Start() => _inbound.Start();

    public Task StopAsync() => _inbound.StopAsync();

    private async Task ReadAsync(Socket socket, string from, CancellationToken stopping)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        var input = PipeReader.Create(stream);
        var frames = new JsonFrameStream(input, _maxFrameSize);
        try
        {
            while (await frames.ReadAsync(stopping).ConfigureAwait(false) is { } frame)
            {
                if (_deduplicator.IsFirstCopy(frame) && ServerFrameMapper.Map(frame, seedStyle: true) is { } clientEvent)
                {
                    await _events.WriteAsync(clientEvent, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or ChannelClosedException)
        {
            // Garbage too large to skip, or the client is closing: this delivery link is over. (Hang-ups and
            // stopping are the InboundListener's to swallow.)
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
