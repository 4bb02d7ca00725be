namespace Parley.Core.Hub;

/// <summary>
/// One registered participant. Its sink never changes; its nick changes only through
/// <see cref="ChatHub.TryRename"/>, under the hub's lock (read anywhere: a reference read is atomic);
/// <see cref="Rooms"/> is owned by the hub's lock.
/// </summary>
public sealed partial class Member
{
    private static int s_fanOutKeys;

    private long _nextSeq = -1;
    private string _nick;

    internal Member(string nick, string protocol, string address, bool canChangeRooms, IMemberSink sink)
    {
        _nick = nick;
        Protocol = protocol;
        Address = address;
        CanChangeRooms = canChangeRooms;
        Sink = sink;
    }

    public string Nick
    {
        get => Volatile.Read(ref _nick);
        internal set => Volatile.Write(ref _nick, value);
    }

    /// <summary>When this member took its present nickname (registration, or its last rename to another name): a
    /// guest reads only the direct messages of its nick from then on (History.DirectParty). Read and written under
    /// the hub's lock only, with <see cref="Nick"/>'s changes.</summary>
    internal DateTimeOffset NickSince { get; set; }

    /// <summary>How the member is connected ("text", "json", ...), for logs and /who.</summary>
    public string Protocol { get; }

    public string Address { get; }

    /// <summary>False for the seed text dialects, whose users stay in the default room.</summary>
    public bool CanChangeRooms { get; }

    public IMemberSink Sink { get; }

    /// <summary>Spreads members over a room's fan-out phases (RoomDispatcher.Phases.cs): fixed for the member's life.</summary>
    internal int FanOutKey { get; } = Interlocked.Increment(ref s_fanOutKeys);

    /// <summary>Rooms joined, oldest first. Read and written under the hub's lock only.</summary>
    internal List<Room> Rooms { get; } = [];

    /// <summary>Where a message without a room goes: the room joined last.</summary>
    public string? CurrentRoom { get; internal set; }

    /// <summary>The seq of this member's next message, unless the client numbers its own messages.</summary>
    internal long NextSeq(long? clientSeq)
    {
        if (clientSeq is { } seq)
        {
            Volatile.Write(ref _nextSeq, seq);
            return seq;
        }

        return Interlocked.Increment(ref _nextSeq);
    }

    public override string ToString() => Nick;
}
