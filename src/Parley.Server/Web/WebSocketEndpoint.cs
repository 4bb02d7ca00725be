using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Parley.Core.Events;
using Parley.Core.Text;
using Parley.Protocols.Json;
using Parley.Server.Admission;
using Parley.Server.Hosting;
using Parley.Server.Listeners;
using Parley.Server.Metrics;

namespace Parley.Server.Web;

/// <summary>
/// <c>/ws</c>: the JSON-lines protocol (docs/protocol-json.md) over WebSocket, one JSON object per text message.
/// After the origin check and the shared connection limits, the socket is handed to the JSON listener's own
/// handler as a <see cref="WebSocketConnection"/>, so the connection core and <c>JsonSession</c> serve it exactly
/// as they serve a TCP client: same frames, limits, timeouts, back-pressure and goodbyes.
/// </summary>
public sealed partial class WebSocketEndpoint(
    JsonConnectionHandler handler,
    ConnectionAdmission admission,
    ServerMetrics metrics,
    IOptions<ServerOptions> options,
    TimeProvider time,
    ILogger<WebSocketEndpoint> logger)
{
    /// <summary>How long the close handshake may take once the session is over.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly OriginPolicy _origins = new(options.Value.AllowedOrigins);
    private readonly ILogger<WebSocketEndpoint> _logger = logger;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("WebSocket requests only (docs/protocol.md, \"WebSocket\").\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var remote = new IPEndPoint(context.Connection.RemoteIpAddress ?? IPAddress.None, context.Connection.RemotePort);
        if (!_origins.Allows(context.Request))
        {
            LogOriginRefused(remote.ToString(), Excerpt.Of(context.Request.Headers.Origin.ToString()));
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var settings = options.Value;
        var upgraded = await AcceptAsync(context).ConfigureAwait(false);
        if (!admission.TryAdmit(remote.Address, "ws", out var refusal))
        {
            using var refused = WebSocket.CreateFromStream(upgraded, new WebSocketCreationOptions { IsServer = true });
            await RefuseAsync(refused, refusal).ConfigureAwait(false);
            return;
        }

        var open = metrics.Connections("ws");
        open.Inc();
        try
        {
            var local = new IPEndPoint(context.Connection.LocalIpAddress ?? IPAddress.None, context.Connection.LocalPort);
            await using var connection = new WebSocketConnection(
                upgraded, DirectSocket(context, settings), settings.WebSocketKeepAlive, context.Abort, context.Connection.Id, local, remote, settings.MaxJsonFrameBytes, _logger);
            LogAccepted(remote.ToString());
            connection.Start();
            await handler.OnConnectedAsync(connection).ConfigureAwait(false);
            await connection.StopAsync(CloseTimeout).ConfigureAwait(false);
        }
        finally
        {
            open.Dec();
            admission.Release(remote.Address);
        }
    }

    // The upgrade as ASP.NET Core's AcceptWebSocketAsync does it (the request was validated by IsWebSocketRequest),
    // but keeping the upgraded connection for ourselves: the connection core writes its frames into it (see
    // WebSocketConnection), the WebSocket only reads and writes its control frames. RFC 6455 §4.2.2.
    private static async Task<Stream> AcceptAsync(HttpContext context)
    {
        var key = context.Request.Headers.SecWebSocketKey.ToString();
        var headers = context.Response.Headers;
        headers.Connection = "Upgrade";
        headers.Upgrade = "websocket";
        headers.SecWebSocketAccept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        var upgrade = context.Features.GetRequiredFeature<IHttpUpgradeFeature>();
        return await upgrade.UpgradeAsync().ConfigureAwait(false);
    }

    // The socket to write frames to directly: HTTP/1.1 on a bare TCP socket only. With inline socket scheduling,
    // Kestrel's flush of the 101 response in UpgradeAsync has run its socket sender on the flushing thread, so the
    // response is in the kernel before the first frame follows it; with Kestrel's hand-over it might not be.
    private static Socket? DirectSocket(HttpContext context, ServerOptions settings) =>
        settings.DirectSocketSends && settings.InlineSocketScheduling && HttpProtocol.IsHttp11(context.Request.Protocol)
            ? Transport.SocketPipeWriter.BareSocketOf(context.Features)
            : null;

    // One typed error frame (browsers speak the native protocol), then "try again later" (RFC 6455 registry: 1013).
    private async Task RefuseAsync(WebSocket socket, AdmissionRefusal refusal)
    {
        var line = JsonEventEncoder.Instance.Encode(new ErrorNotice(refusal.Code, refusal.Text, time.GetUtcNow()));
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await socket.SendAsync(line[..^1], WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
            await socket.CloseOutputAsync((WebSocketCloseStatus)1013, refusal.Code, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }
}
