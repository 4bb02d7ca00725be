using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>An event queued in every room a member is in that each other member should see once (in the first of
/// those rooms to dispatch it), and the member itself not at all: away changes.</summary>
internal sealed class TellOnceFilter(Member subject, ChatEvent told) : RecipientFilter
{
    private readonly Lock _gate = new();
    private readonly HashSet<Member> _told = [];

    public override ChatEvent? For(Member member)
    {
        if (member == subject)
        {
            return null;
        }

        lock (_gate)
        {
            return _told.Add(member) ? told : null;
        }
    }
}
