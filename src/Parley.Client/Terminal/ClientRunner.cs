namespace Parley.Client.Terminal;

/// <summary>Entry point for <c>parley client</c>: a terminal gets the interactive view, a pipe gets script mode.</summary>
public static class ClientRunner
{
    public static async Task<int> RunAsync(ClientOptions options, CancellationToken cancellationToken)
    {
        if (!Console.IsInputRedirected)
        {
            return await InteractiveClient.RunAsync(options, cancellationToken).ConfigureAwait(false);
        }

        await using var connection = options.CreateConnection();
        return await ScriptClient.RunAsync(options, connection, Console.In, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
    }
}
