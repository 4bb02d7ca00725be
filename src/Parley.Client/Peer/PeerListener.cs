using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

using Parley.Client.Connections;
using Parley.Protocols.Json;

namespace Parley.Client.Peer;

/// <summary>
/// Accepts inbound peers (any number, listed or not) and turns what each sends into <see cref="PeerMessage"/>s.
/// Framing is the JSON reader's, never "one read = one message": peers may send objects back to back or split.
/// </summary>
internal sealed class PeerListener
{
    private readonly PeerOptions _options;
    private readonly ChannelWriter<PeerMessage> _received;
    private readonly Action<string> _report;
    private readonly InboundListener _inbound;

    public PeerListener(Socket listener, PeerOptions options, ChannelWriter<PeerMessage> received, Action<string> report)
    {
        _options = options;
        _received = received;
        _report = report;
        _inbound = new InboundListener(
            listener,
            options.MaxInboundPeers,
            ReadPeerAsync,
            from => report($"refused a peer from {from}: already {options.MaxInboundPeers} inbound peers"));
    }

    public IPEndPoint LocalEndPoint => _inbound.LocalEndPoint;

    public void Start() => _inbound.Start();

    public Task StopAsync() => _inbound.StopAsync();

    private async Task ReadPeerAsync(Socket socket, string from, CancellationToken stopping)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        var input = PipeReader.Create(stream);
        var reader = new JsonFrameReader(_options.MaxFrameSize);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(stopping).ConfigureAwait(false);
                var buffer = result.Buffer;
                var consumed = buffer.Start;
                var examined = buffer.End;
                var oversize = false;
                while (!oversize && reader.TryParse(buffer, ref consumed, ref examined, out var frame))
                {
                    buffer = buffer.Slice(consumed);
                    oversize = frame.ErrorKind == JsonFrameErrorKind.Oversize;
                    if (frame.IsError)
                    {
                        _report($"bad message from {from}: {frame.ErrorMessage}");
                    }
                    else if (frame.Request is { Message: { } text } request)
                    {
                        await _received.WriteAsync(new PeerMessage(request.User ?? from, text, request.Seq), stopping)
                            .ConfigureAwait(false);
                    }
                }

                input.AdvanceTo(consumed, examined);
                if (oversize || result.IsCompleted)
                {
                    break;
                }
            }
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
