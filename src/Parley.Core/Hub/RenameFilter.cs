using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>A rename queued in every room the member shares: each member is told once (in the first of those
/// rooms to dispatch it), and the renamed member gets its own copy.</summary>
internal sealed class RenameFilter(Member renamed, MemberRenamed told, MemberRenamed own) : RecipientFilter
{
    private readonly Lock _gate = new();
    private readonly HashSet<Member> _told = [];

    public override ChatEvent? For(Member member)
    {
        lock (_gate)
        {
            if (!_told.Add(member))
            {
                return null;
            }
        }

        return member == renamed ? own : told;
    }
}
