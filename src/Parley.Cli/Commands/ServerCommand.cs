using System.CommandLine;

namespace Parley.Cli.Commands;

/// <summary>`parley server`: not wired yet.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var command = new Command("server", "Not implemented yet.");
        command.SetAction(_ => 1);
        return command;
    }
}
