using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Client.Bench;

public sealed partial class BenchConnection
{
    /// <summary>The HTTP/1.1 upgrade to a WebSocket on <c>/ws</c> (RFC 6455 §4.1); afterwards every read is
    /// decoded from frames into lines. No Origin header: the bench is not a web page.</summary>
    private async Task UpgradeAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET /ws HTTP/1.1\r\nHost: {server}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await SendAsync(Encoding.ASCII.GetBytes(request), cancellationToken).ConfigureAwait(false);
        var status = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (status is null || !status.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new BenchHandshakeException($"WebSocket upgrade refused: {status ?? "connection closed"}");
        }

        while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 })
        {
        }

        // What came after the headers is already frames.
        _webSocket = new WebSocketFrameDecoder();
        _lines = _start;
        _lines = _webSocket.Decode(_buffer, _lines, ref _end);
    }
}
