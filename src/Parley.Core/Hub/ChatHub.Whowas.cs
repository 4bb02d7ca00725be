namespace Parley.Core.Hub;

public sealed partial class ChatHub
{
    // Newest last; at most HubOptions.WhowasLength entries. Guarded by its own lock (never held with another).
    private readonly LinkedList<WhowasEntry> _whowas = new();

    /// <summary>The nicks that left, newest first, matching <paramref name="nick"/>; at most <paramref name="count"/> (0: all kept).</summary>
    public IReadOnlyList<WhowasEntry> Whowas(string nick, int count)
    {
        var found = new List<WhowasEntry>();
        lock (_whowas)
        {
            for (var node = _whowas.Last; node is not null && (count <= 0 || found.Count < count); node = node.Previous)
            {
                if (NicknameRules.Comparer.Equals(node.Value.Nick, nick))
                {
                    found.Add(node.Value);
                }
            }
        }

        return found;
    }

    private void Remember(Member member, string nick)
    {
        if (Options.WhowasLength == 0)
        {
            return;
        }

        var entry = new WhowasEntry(nick, member.UserName, member.RealName, member.Protocol, Now);
        lock (_whowas)
        {
            _whowas.AddLast(entry);
            while (_whowas.Count > Options.WhowasLength)
            {
                _whowas.RemoveFirst();
            }
        }
    }
}
