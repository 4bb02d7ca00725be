using System.CommandLine;
using Parley.Cli.Commands;

var root = new RootCommand("Parley: a chat server, its terminal client and a peer-to-peer mode.")
{
    ServerCommand.Create(),
    ClientCommand.Create(),
    PeerCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
