namespace Parley.Client.Terminal;

/// <summary>What a key press asks the interactive loop to do.</summary>
public enum InputAction
{
    None,
    Redraw,
    Submit,

    /// <summary>Ctrl+D on an empty line.</summary>
    EndOfInput,

    /// <summary>Ctrl+C (read as a key, so it leaves cleanly instead of killing the process).</summary>
    Interrupt,
}
