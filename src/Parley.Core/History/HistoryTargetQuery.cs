namespace Parley.Core.History;

/// <summary>
/// Which conversations had activity (IRC <c>CHATHISTORY TARGETS</c>): each of <see cref="Rooms"/> and each direct
/// conversation of <see cref="Party"/> (by the identity rule of <see cref="DirectParty"/>, the partner named by its
/// nickname), whose latest message (that the party may read) lies strictly between <see cref="From"/> and
/// <see cref="To"/>. A conversation whose latest message is outside the window is not listed, even when older ones
/// are inside it. Ordered by that latest time, oldest first, the first <see cref="Limit"/>; newest first when
/// <see cref="NewestFirst"/> (the newest <see cref="Limit"/>).
/// </summary>
public sealed record HistoryTargetQuery(
    DirectParty Party, IReadOnlyList<string> Rooms, DateTimeOffset From, DateTimeOffset To, int Limit, bool NewestFirst);
