namespace Parley.Core.Commands;

public enum InputOutcome
{
    /// <summary>Keep the session going.</summary>
    Continue,

    /// <summary>The member asked to leave; it has been told goodbye.</summary>
    Quit,
}
