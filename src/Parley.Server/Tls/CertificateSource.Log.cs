using Microsoft.Extensions.Logging;

namespace Parley.Server.Tls;

public sealed partial class CertificateSource
{
    [LoggerMessage(EventId = 820, Level = LogLevel.Information, Message = "TLS certificate {Path} reloaded: {Subject}, valid until {NotAfter:u}")]
    private partial void LogReloaded(string path, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 821, Level = LogLevel.Warning, Message = "TLS certificate {Path} changed but cannot be used; keeping the current one: {Error}")]
    private partial void LogReloadFailed(string path, string error);

    [LoggerMessage(EventId = 822, Level = LogLevel.Warning, Message = "Cannot watch {Directory} for certificate changes ({Error}); checking once a second on handshakes instead")]
    private partial void LogWatchFailed(string directory, string error);
}
