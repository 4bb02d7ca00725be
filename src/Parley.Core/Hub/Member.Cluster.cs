namespace Parley.Core.Hub;

/// <summary>A member connected to another node of the cluster: the hub keeps a stand-in for it, so that rooms, /who,
/// NAMES and nickname checks see it; events to it are dropped here (its own node delivers them).</summary>
public sealed partial class Member
{
    /// <summary>The node it is connected to, or null for a member of this node.</summary>
    public string? Node { get; private init; }

    public bool IsRemote => Node is not null;

    internal static Member Remote(string nick, string node, DateTimeOffset now) =>
        new(nick, "remote", node, canChangeRooms: true, RemoteSink.Instance) { Node = node, SignedOnAt = now, RealName = "on " + node };

    /// <summary>Takes everything and delivers nothing: the member's own node delivers to it.</summary>
    private sealed class RemoteSink : IMemberSink
    {
        public static readonly RemoteSink Instance = new();

        public bool TryDeliver(Events.ChatEvent chatEvent) => true;

        public bool TryDeliverMany(ReadOnlySpan<Events.ChatEvent> chatEvents) => true;

        public void Complete()
        {
        }
    }
}
