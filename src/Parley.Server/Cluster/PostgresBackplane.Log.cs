using Microsoft.Extensions.Logging;

namespace Parley.Server.Cluster;

public sealed partial class PostgresBackplane
{
    [LoggerMessage(EventId = 660, Level = LogLevel.Information, Message = "Cluster: node {Node} joined")]
    private partial void LogStarted(string node);

    [LoggerMessage(EventId = 661, Level = LogLevel.Warning, Message = "Cluster: lost the listening connection, reconnecting in {Delay}")]
    private partial void LogListenLost(TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 662, Level = LogLevel.Warning, Message = "Cluster: heartbeat failed")]
    private partial void LogHeartbeatFailed(Exception exception);

    [LoggerMessage(EventId = 663, Level = LogLevel.Warning, Message = "Cluster: node {Node} stopped heartbeating; its users are gone: {Nicks}")]
    private partial void LogNodeReaped(string node, string nicks);

    [LoggerMessage(EventId = 664, Level = LogLevel.Error, Message = "Cluster: an event could not be read or handled: {Payload}")]
    private partial void LogBadEvent(string payload, Exception exception);

    [LoggerMessage(EventId = 665, Level = LogLevel.Information, Message = "Cluster: listening again")]
    private partial void LogListening();
}
