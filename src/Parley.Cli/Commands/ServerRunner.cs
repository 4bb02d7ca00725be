using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Parley.Core.History;
using Parley.Server.Accounts;
using Parley.Server.Hosting;
using Parley.Server.Storage;

namespace Parley.Cli.Commands;

/// <summary>Starts the server, prints one machine-readable "listening NAME HOST:PORT" line per listener and a
/// banner, and runs until Ctrl+C or SIGTERM (the generic host's console lifetime handles both).</summary>
internal static class ServerRunner
{
    public static async Task<int> RunAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        ParleyServerHost server;
        try
        {
            server = ParleyServerHost.Create(settings);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            await Console.Error.WriteLineAsync($"parley: invalid settings: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        await using var running = server;
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            var options = server.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
            await Console.Error.WriteLineAsync(ListenFailure.Describe(ex, [("text", options.Host, options.TextPort), ("json", options.Host, options.JsonPort), ("irc", options.Host, options.IrcPort), ("http", options.Host, options.HttpPort), ("metrics", options.MetricsHost, options.MetricsPort)])).ConfigureAwait(false);
            return 2;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"parley: invalid settings: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (HistoryStoreException ex)
        {
            // Never a silent fresh database: the operator reads why, and the exit code says it was the data file.
            await Console.Error.WriteLineAsync($"parley: history: {ex.Message}").ConfigureAwait(false);
            return 3;
        }

        foreach (var (name, endPoint) in server.Endpoints)
        {
            Console.Out.WriteLine($"listening {name} {endPoint}");
        }

        var history = server.Services.GetRequiredService<HistoryService>();
        Console.Out.WriteLine("data " + history.Description);
        Console.Out.WriteLine("accounts " + server.Services.GetRequiredService<AccountStoreService>().Description);
        if (history.ClusterNode is { } node)
        {
            Console.Out.WriteLine($"cluster node {node}: every node started on this database is one chat");
        }

        var text = server.Endpoints.First(e => e.Name == "text").EndPoint;
        var json = server.Endpoints.First(e => e.Name == "json").EndPoint;
        var http = server.Endpoints.First(e => e.Name == "http").EndPoint;
        Console.Out.WriteLine($"Parley is up. Chat at http://{http}/, with `parley client {json} --name NAME` or `nc {text.Address} {text.Port}`; Ctrl+C stops the server.");
        Console.Out.Flush();
        await server.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }
}
