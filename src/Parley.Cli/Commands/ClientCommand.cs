using System.CommandLine;

namespace Parley.Cli.Commands;

/// <summary>`parley client`: not wired yet.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var command = new Command("client", "Not implemented yet.");
        command.SetAction(_ => 1);
        return command;
    }
}
