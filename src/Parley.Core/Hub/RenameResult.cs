namespace Parley.Core.Hub;

public enum RenameResult
{
    Renamed,

    /// <summary>The member already has exactly that nick; nobody is told anything.</summary>
    Unchanged,
    NickInvalid,
    NickTaken,

    /// <summary>The member has left (or never registered): there is nothing to rename.</summary>
    NotMember,
}
