using System.Net;

using Microsoft.AspNetCore.Connections;

using Parley.Core.Events;
using Parley.Server.Metrics;

namespace Parley.Server.Admission;

/// <summary>
/// Kestrel connection middleware in front of a listener's handler: asks <see cref="ConnectionAdmission"/> before
/// the handler sees the connection, releases the slot when the handler returns, and tells a refused client why
/// in one line of its listener's form (the listener's encoder for an <see cref="ErrorNotice"/>) before closing.
/// </summary>
internal sealed class AdmissionMiddleware(
    ConnectionDelegate next, ConnectionAdmission admission, string listener, IEventEncoder refusals, TimeProvider time, ServerMetrics? metrics)
{
    public async Task OnConnectedAsync(ConnectionContext connection)
    {
        var address = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        if (!admission.TryAdmit(address, listener, out var refusal))
        {
            await RefuseAsync(connection, refusal).ConfigureAwait(false);
            return;
        }

        var open = metrics?.Connections(listener);
        open?.Inc();
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            open?.Dec();
            admission.Release(address);
        }
    }

    // The line is far below the output pipe's pause threshold, so the write completes without waiting for the
    // client; Kestrel sends it and closes the socket when this middleware returns.
    private async Task RefuseAsync(ConnectionContext connection, AdmissionRefusal refusal)
    {
        var line = refusals.Encode(new ErrorNotice(refusal.Code, refusal.Text, time.GetUtcNow()));
        try
        {
            await connection.Transport.Output.WriteAsync(line).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException)
        {
        }
    }
}
