using Microsoft.Extensions.Logging;

namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    [LoggerMessage(EventId = 690, Level = LogLevel.Warning, Message = "Cluster: {Nick} on node {Node} clashes with a member who holds that nick here; the nickname claims decide")]
    private partial void LogClusterNickClash(string nick, string node);
}
