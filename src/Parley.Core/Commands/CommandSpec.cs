namespace Parley.Core.Commands;

/// <summary>A row of the command table: the shared pre-checks run before <see cref="Handler"/>.</summary>
public sealed record CommandSpec(
    string Name,
    string Syntax,
    string Help,
    int MinArguments,
    bool NeedsRooms,
    Func<CommandContext, ValueTask<InputOutcome>> Handler);
