using System.CommandLine;

using Parley.Cli.Commands;

var root = new RootCommand("Parley: a chat server, its terminal client, a peer-to-peer mode and a load generator.")
{
    ServerCommand.Create(),
    ClientCommand.Create(),
    PeerCommand.Create(),
    BenchCommand.Create(),
};

// The server's generic host handles Ctrl+C and SIGTERM itself (it tells clients, then exits 0), so
// System.CommandLine must not terminate the process on its own timer.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
