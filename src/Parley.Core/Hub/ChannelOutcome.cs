namespace Parley.Core.Hub;

/// <summary>What a channel operation (topic, kick, invite, modes) did, or why it was refused.</summary>
public enum ChannelOutcome
{
    Done,
    NoSuchRoom,
    NotInRoom,
    NotOperator,
    NoSuchNick,
    TargetNotInRoom,
    TargetAlreadyInRoom,
}
