using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

using Parley.Core.Events;
using Parley.Server.Metrics;

namespace Parley.Server.Admission;

public static class ListenOptionsAdmissionExtensions
{
    /// <summary>
    /// Puts the shared connection limits (<see cref="ConnectionAdmission"/>) in front of this listener. Call it
    /// before the listener's UseConnectionHandler; <paramref name="refusals"/> is the encoder a refused client's
    /// <c>ErrorNotice</c> is written with, in the form the listener's clients read before any handshake.
    /// </summary>
    public static ListenOptions UseAdmission(this ListenOptions listen, string listener, IEventEncoder refusals)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(refusals);
        var admission = listen.ApplicationServices.GetRequiredService<ConnectionAdmission>();
        var time = listen.ApplicationServices.GetRequiredService<TimeProvider>();
        var metrics = listen.ApplicationServices.GetService<ServerMetrics>();
        listen.Use(next => new AdmissionMiddleware(next, admission, listener, refusals, time, metrics).OnConnectedAsync);
        return listen;
    }
}
