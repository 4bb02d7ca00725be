using System.Net;

using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Parley.Server.Web;

/// <summary>The HTTP listener and, when <c>MetricsHost</c> is set, the metrics listener: set while Kestrel is
/// configured, read per request to tell which listener a request came in on.</summary>
public sealed class HttpBindings
{
    public ListenOptions? Http { get; set; }

    public ListenOptions? Metrics { get; set; }

    /// <summary>Whether a request that arrived on <paramref name="localPort"/> came through the metrics listener.</summary>
    public bool IsMetricsPort(int localPort) => Metrics?.IPEndPoint is IPEndPoint bound && bound.Port == localPort;
}
