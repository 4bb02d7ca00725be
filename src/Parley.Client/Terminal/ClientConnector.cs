using Parley.Client.Connections;

namespace Parley.Client.Terminal;

/// <summary>Connect and register with a deadline, turning every failure into one line for the user.</summary>
public static class ClientConnector
{
    public static async Task<bool> TryConnectAsync(IChatConnection connection, ClientOptions options, TextWriter diagnostics, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ClientOptions.ConnectTimeout);
        try
        {
            await connection.ConnectAsync(options.Endpoint, options.Name!, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (ChatConnectException ex)
        {
            await diagnostics.WriteLineAsync($"parley: {ex.Message}").ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await diagnostics.WriteLineAsync($"parley: connection to {options.Endpoint} failed: {ex.Message}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await diagnostics.WriteLineAsync($"parley: {options.Endpoint} did not answer the registration within {ClientOptions.ConnectTimeout.TotalSeconds:0} s").ConfigureAwait(false);
        }

        return false;
    }
}
