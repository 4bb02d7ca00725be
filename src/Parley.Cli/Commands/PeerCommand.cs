using System.CommandLine;

using Parley.Client.Peer;

namespace Parley.Cli.Commands;

/// <summary>`parley peer NAME PORT [HOST:PORT ...]`: the seed's chat.py, peer to peer without a server.</summary>
internal static class PeerCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "Your user name, sent with every message." };
        var port = new Argument<int>("port") { Description = "Port to listen on for peers; 0 picks a free one (printed at start)." };
        var peers = new Argument<string[]>("peers")
        {
            Description = "HOST:PORT of each peer to send to. They are dialled on your first message, so they may start later.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on (default 127.0.0.1: only this machine can reach you).",
            DefaultValueFactory = static _ => "127.0.0.1",
        };
        var command = new Command("peer", "Chat peer to peer (the seed's chat.py): each line you type goes to every listed peer.")
        {
            name,
            port,
            peers,
            host,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var portNumber = parseResult.GetValue(port);
            if (portNumber is < 0 or > 65535)
            {
                await Console.Error.WriteLineAsync($"Port must be between 0 and 65535, not {portNumber}.").ConfigureAwait(false);
                return 2;
            }

            var addresses = new List<PeerAddress>();
            foreach (var text in parseResult.GetValue(peers) ?? [])
            {
                if (!PeerAddress.TryParse(text, out var address))
                {
                    await Console.Error.WriteLineAsync($"'{text}' is not HOST:PORT (for example 127.0.0.1:5002).").ConfigureAwait(false);
                    return 2;
                }

                addresses.Add(address!);
            }

            var options = new PeerOptions
            {
                Name = parseResult.GetValue(name)!,
                Port = portNumber,
                Host = parseResult.GetValue(host)!,
                Peers = addresses,
            };
            return await PeerConsole.RunAsync(
                options, Console.In, Console.Out, Console.Error, interactive: !Console.IsInputRedirected, cancellationToken)
                .ConfigureAwait(false);
        });
        return command;
    }
}
