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

        var session = new ScriptSession(connection, input, output, diagnostics, options.Linger);
        var end = await session.RunAsync(cancellationToken).ConfigureAwait(false);
        return end == SessionEnd.ConnectionLost ? 1 : 0;
    }
}
