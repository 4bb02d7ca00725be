namespace Parley.Core.Hub;

/// <summary>A copy of a room's state taken under the hub's lock, for replies (NAMES, WHO, MODE, TOPIC, LIST).</summary>
public sealed record RoomView(
    string Name,
    string Topic,
    string TopicBy,
    DateTimeOffset TopicAt,
    RoomModes Modes,
    string? Key,
    int Limit,
    DateTimeOffset CreatedAt,
    IReadOnlyList<RoomMemberView> Members,
    IReadOnlyList<string> Bans)
{
    public bool Contains(Member member)
    {
        foreach (var view in Members)
        {
            if (view.Member == member)
            {
                return true;
            }
        }

        return false;
    }

    public RoomMemberView? Find(string nick)
    {
        foreach (var view in Members)
        {
            if (NicknameRules.Comparer.Equals(view.Member.Nick, nick))
            {
                return view;
            }
        }

        return null;
    }
}
