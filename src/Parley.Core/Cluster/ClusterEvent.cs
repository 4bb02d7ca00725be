namespace Parley.Core.Cluster;

/// <summary>
/// One event between the nodes of a cluster, as <see cref="IBackplane"/> carries it. <see cref="Node"/> is the node
/// it happened on (a node ignores its own). Fields a kind does not use are null or zero; see
/// <see cref="ClusterEventKind"/> for which each uses. <see cref="Account"/> is the account of the member the event is
/// about or from (null: a guest, or not told), so every node shows it as the member's own node does.
/// <see cref="Tags"/> holds IRCv3 client-only tags (<c>+typing=active</c>, still escaped) of a
/// <see cref="ClusterEventKind.Tags"/> or a <see cref="ClusterEventKind.Notice"/>; a node of an earlier build ignores it.
/// </summary>
public sealed record ClusterEvent(
    ClusterEventKind Kind,
    string Node,
    string? Room,
    string? Nick,
    string? Other,
    string? Text,
    long Id,
    long Seq,
    DateTimeOffset Time,
    string? Account = null,
    string? Tags = null);
