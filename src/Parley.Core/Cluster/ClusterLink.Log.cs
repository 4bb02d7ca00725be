using Microsoft.Extensions.Logging;

namespace Parley.Core.Cluster;

internal sealed partial class ClusterLink
{
    [LoggerMessage(EventId = 670, Level = LogLevel.Information, Message = "Cluster: took the state of {Rooms} rooms from node {Node}")]
    private static partial void LogRoomStateApplied(ILogger logger, int rooms, string node);

    [LoggerMessage(EventId = 671, Level = LogLevel.Warning, Message = "Cluster: room state from node {Node} came more than {Window} after this node asked; ignored")]
    private static partial void LogRoomStateLate(ILogger logger, string node, TimeSpan window);

    [LoggerMessage(EventId = 691, Level = LogLevel.Warning, Message = "Cluster: publishing {Kind} for {Nick} failed; the next roster repairs the others' view")]
    private static partial void LogPublishFailed(ILogger logger, ClusterEventKind kind, string? nick, Exception exception);

    [LoggerMessage(EventId = 692, Level = LogLevel.Error, Message = "Cluster: applying {Kind} from node {Node} failed")]
    private static partial void LogApplyFailed(ILogger logger, ClusterEventKind kind, string node, Exception exception);

    [LoggerMessage(EventId = 693, Level = LogLevel.Warning, Message = "Cluster: nickname {Nick} is held on another node; its member here is disconnected")]
    private static partial void LogNickRefused(ILogger logger, string nick);

    [LoggerMessage(EventId = 694, Level = LogLevel.Information, Message = "Cluster: listening and caught up; restating this node's members")]
    private static partial void LogResumed(ILogger logger);
}
