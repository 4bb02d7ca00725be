using System.CommandLine;

namespace Parley.Cli.Commands;

/// <summary>`parley peer`: not wired yet.</summary>
internal static class PeerCommand
{
    public static Command Create()
    {
        var command = new Command("peer", "Not implemented yet.");
        command.SetAction(_ => 1);
        return command;
    }
}
