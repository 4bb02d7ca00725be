using Microsoft.Extensions.Logging;

namespace Parley.Server.Subscriptions;

public sealed partial class OutboundDelivery
{
    [LoggerMessage(EventId = 410, Level = LogLevel.Debug, Message = "Subscriber {Address}: dialling")]
    private partial void LogDialling(string address);

    [LoggerMessage(EventId = 411, Level = LogLevel.Information, Message = "Subscriber {Address}: connected for delivery")]
    private partial void LogConnected(string address);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning, Message = "Subscriber {Address}: cannot connect ({Error})")]
    private partial void LogDialFailed(string address, string error);

    [LoggerMessage(EventId = 413, Level = LogLevel.Information, Message = "Subscriber {Address} closed the delivery connection: dialling again before the next message")]
    private partial void LogPeerClosed(string address);

    [LoggerMessage(EventId = 414, Level = LogLevel.Warning, Message = "Subscriber {Address}: write failed ({Error})")]
    private partial void LogWriteFailed(string address, string error);

    [LoggerMessage(EventId = 415, Level = LogLevel.Information, Message = "Subscriber {Address}: failure {Failures} in a row, trying again in {Delay}")]
    private partial void LogRetrying(string address, int failures, TimeSpan delay);

    [LoggerMessage(EventId = 416, Level = LogLevel.Warning, Message = "Subscriber {Address} unreachable after {Failures} attempts: giving up")]
    private partial void LogGaveUp(string address, int failures);

    [LoggerMessage(EventId = 417, Level = LogLevel.Warning, Message = "Subscriber {Address} is a slow consumer ({Capacity} events queued): giving up")]
    private partial void LogSlowSubscriber(string address, int capacity);

    [LoggerMessage(EventId = 418, Level = LogLevel.Debug, Message = "Subscriber {Address}: delivery stopped")]
    private partial void LogStopped(string address);

    [LoggerMessage(EventId = 420, Level = LogLevel.Information, Message = "Subscriber {Address} takes no deliveries at its registered address ({Failures} attempts): delivering on its open connection only")]
    private partial void LogMirrorDormant(string address, int failures);

    [LoggerMessage(EventId = 421, Level = LogLevel.Warning, Message = "Subscriber {Address}: not dialled, {Target} is this server's own listener")]
    private partial void LogOwnListener(string address, string target);

    [LoggerMessage(EventId = 419, Level = LogLevel.Error, Message = "Subscriber {Address}: delivery loop failed")]
    private partial void LogLoopFaulted(string address, Exception exception);
}
