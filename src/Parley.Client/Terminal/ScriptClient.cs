using Parley.Client.Connections;
using Parley.Core.Hub;

namespace Parley.Client.Terminal;

/// <summary>Script mode from start to exit code, with every stream injected so tests drive it end to end.</summary>
public static class ScriptClient
{
    public static async Task<int> RunAsync(
        ClientOptions options, IChatConnection connection, TextReader input, TextWriter output, TextWriter diagnostics, CancellationToken cancellationToken)
    {
        if (options.Name is null)
        {
            await diagnostics.WriteLineAsync("parley: --name is required when stdin is not a terminal").ConfigureAwait(false);
            return 1;
        }

        if (!NicknameRules.IsValid(options.Name))
        {
            await diagnostics.WriteLineAsync($"parley: invalid name '{options.Name}': {NicknameRules.Describe(NicknameRules.DefaultMaxLength)}").ConfigureAwait(false);
            return 1;
        }

        if (!await ClientConnector.TryConnectAsync(connection, options, diagnostics, cancellationToken).ConfigureAwait(false))
        {
            return 1;
        }

        if (connection is SubscriberConnection subscriber)
        {
            // First line, as in peer mode, so a script that asked for port 0 can find the real one.
            await output.WriteLineAsync($"listening {subscriber.ClientAddress}").ConfigureAwait(false);
        }

        var session = new ScriptSession(connection, input, output, diagnostics, options.Linger, view: new SessionView(options.Name));
        var end = await session.RunAsync(cancellationToken).ConfigureAwait(false);
        return end == SessionEnd.ConnectionLost ? 1 : 0;
    }
}
