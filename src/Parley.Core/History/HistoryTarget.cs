namespace Parley.Core.History;

/// <summary>A conversation and the time of its latest message: a room (<see cref="IsRoom"/>) or a direct
/// conversation, named by the partner's nickname as its latest message recorded it.</summary>
public sealed record HistoryTarget(string Name, bool IsRoom, DateTimeOffset Latest);
