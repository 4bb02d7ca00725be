namespace Parley.Core.History;

/// <summary>A room the store remembers across restarts, with its topic when it has one.</summary>
public sealed record StoredRoom(string Name, string? Topic);
