using System.Net.Http;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Parley.Server.Tests.Web;

/// <summary>A scripted client of <c>/ws</c>: one JSON object per text message each way, every wait bounded.</summary>
internal sealed class WebSocketClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket;

    private WebSocketClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <param name="receiveBufferSize">When not 0, the TCP receive buffer of the client's socket: small, so that a client
    /// that stops reading pushes back on the server after a few KiB instead of whatever the kernel would buffer.</param>
    public static async Task<WebSocketClient> ConnectAsync(Uri url, string? origin = null, bool trustAnyCertificate = false, int receiveBufferSize = 0)
    {
        var socket = new ClientWebSocket();
        if (trustAnyCertificate)
        {
            socket.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        if (receiveBufferSize == 0)
        {
            await socket.ConnectAsync(url, timeout.Token);
        }
        else
        {
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = receiveBufferSize };
                    try
                    {
                        await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(tcp, ownsSocket: true);
                    }
                    catch
                    {
                        tcp.Dispose();
                        throw;
                    }
                },
            };
            using var invoker = new HttpMessageInvoker(handler);
            await socket.ConnectAsync(url, invoker, timeout.Token);
        }

        return new WebSocketClient(socket);
    }

    public async Task SendAsync(string text, WebSocketMessageType type = WebSocketMessageType.Text)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), type, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next message's text, or null when the server closed.</summary>
    public async Task<string?> ReceiveTextAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            if (result.EndOfMessage)
            {
                return text.ToString();
            }
        }
    }

    public async Task<JsonElement> ReceiveAsync() =>
        JsonDocument.Parse(await ReceiveTextAsync() ?? throw new EndOfStreamException("WebSocket closed.")).RootElement.Clone();

    public async Task<JsonElement> ReceiveUntilAsync(Func<JsonElement, bool> match)
    {
        while (true)
        {
            var frame = await ReceiveAsync();
            if (match(frame))
            {
                return frame;
            }
        }
    }

    /// <summary>Reads until the server's close frame; true if it came.</summary>
    public async Task<bool> WaitForCloseAsync()
    {
        try
        {
            while (await ReceiveTextAsync() is not null)
            {
            }

            return true;
        }
        catch (WebSocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }
}
