namespace Parley.Core.History;

/// <summary>
/// A full-text search over the messages of <see cref="Rooms"/> and the direct messages <see cref="Party"/> sent or
/// received (by the identity rule of <see cref="DirectParty"/>); results newest first, at most <see cref="Limit"/>,
/// older than <see cref="Before"/> when set. <see cref="Text"/> is plain words (all must match); a store quotes them
/// for its own query syntax.
/// </summary>
public sealed record HistorySearch(string Text, IReadOnlyList<string> Rooms, DirectParty Party, long? Before, int Limit);
