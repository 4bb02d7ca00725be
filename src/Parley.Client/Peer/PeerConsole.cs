using System.Net.Sockets;
using System.Threading.Channels;

namespace Parley.Client.Peer;

/// <summary>
/// The text front end of peer mode. Each input line is sent to every listed peer; <c>exit</c> (or the end of
/// input) closes every socket and returns 0. Received messages are printed one per line as <c>user: message</c>.
/// The first line written is <c>listening peer HOST:PORT</c>, so scripts and tests can find a port chosen with 0.
/// Send failures and bad inbound frames go to <paramref name="error"/>, one line each.
/// </summary>
public static class PeerConsole
{
    public const string ExitCommand = "exit";

    public static async Task<int> RunAsync(
        PeerOptions options,
        TextReader input,
        TextWriter output,
        TextWriter error,
        bool interactive,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // Inbound peers report from their own loops while the input loop reports send failures.
        var errors = TextWriter.Synchronized(error);
        var node = new PeerNode(options, errors.WriteLine);
        try
        {
            await node.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            await errors.WriteLineAsync($"cannot listen on {options.Host}:{options.Port}: {e.Message}").ConfigureAwait(false);
            await node.DisposeAsync().ConfigureAwait(false);
            return 1;
        }

        // Only the printer writes to output from here on, so output needs no lock.
        await output.WriteLineAsync($"listening peer {node.LocalEndPoint}").ConfigureAwait(false);
        if (interactive)
        {
            await output.WriteLineAsync($"Type a message and press Enter to send it to every listed peer; '{ExitCommand}' quits.")
                .ConfigureAwait(false);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var printer = PrintAsync(node.Received, output);
        var exitCode = 0;
        try
        {
            while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Trim() == ExitCommand)
                {
                    break;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                foreach (var failure in await node.SendAsync(line, cancellationToken).ConfigureAwait(false))
                {
                    await errors.WriteLineAsync(failure.ToString()).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            exitCode = 130; // interrupted, as shells report Ctrl+C
        }
        finally
        {
            await node.DisposeAsync().ConfigureAwait(false);
            await printer.ConfigureAwait(false);
        }

        return exitCode;
    }

    private static async Task PrintAsync(ChannelReader<PeerMessage> received, TextWriter output)
    {
        await foreach (var message in received.ReadAllAsync().ConfigureAwait(false))
        {
            await output.WriteLineAsync(message.ToString()).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }
    }
}
