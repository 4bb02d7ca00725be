using Microsoft.Extensions.Logging;

namespace Parley.Server.Weather;

// Event ids 300-399 belong to weather; they are stable so alerts and dashboards can match on them.
public sealed partial class OpenMeteoWeatherService
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Weather for {Place} served from cache")]
    private partial void LogCacheHit(string place);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Fetched a {Days}-day forecast for {Place}")]
    private partial void LogFetched(int days, string place);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Weather service unreachable while answering {Place}; falling back")]
    private partial void LogUnreachable(Exception exception, string place);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Weather service did not answer within {Timeout} for {Place}; falling back")]
    private partial void LogTimedOut(Exception exception, string place, TimeSpan timeout);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Weather service gave an unusable answer for {Place}: {Reason}; falling back")]
    private partial void LogBadResponse(Exception exception, string place, string reason);

    [LoggerMessage(EventId = 305, Level = LogLevel.Information, Message = "The geocoder knows no place named {Place}")]
    private partial void LogUnknownPlace(string place);

    [LoggerMessage(EventId = 306, Level = LogLevel.Information, Message = "Serving climate normals for {Place} because no forecast could be fetched")]
    private partial void LogServingNormals(string place);
}
