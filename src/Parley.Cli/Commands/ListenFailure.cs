using System.Net.Sockets;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Connections;

namespace Parley.Cli.Commands;

/// <summary>
/// Turns Kestrel's bind failure ("Failed to bind to address http://127.0.0.1:5000: address already in use.") into
/// words about Parley's listeners: there is no HTTP on them, and the user needs to know which listener and port.
/// </summary>
internal static partial class ListenFailure
{
    public static string Describe(IOException exception, IReadOnlyList<(string Name, string Host, int Port)> listeners)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(listeners);
        var match = BoundAddress().Match(exception.Message);
        if (!match.Success)
        {
            return $"parley: cannot listen: {exception.Message}";
        }

        var host = match.Groups["host"].Value;
        var port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var name = listeners.FirstOrDefault(l => l.Port == port).Name;
        var address = $"{host}:{port}";
        return name is null
            ? $"parley: cannot listen on {address}: {Reason(exception, match)}"
            : $"parley: cannot listen on {address} ({name}): {Reason(exception, match)}";
    }

    private static string Reason(IOException exception, Match match) => exception switch
    {
        { InnerException: AddressInUseException } => "address already in use",
        { InnerException: SocketException socket } => socket.Message,
        _ => exception.Message[(match.Index + match.Length)..].TrimStart(':', ' ').TrimEnd('.') is { Length: > 0 } rest ? rest : exception.Message,
    };

    // Kestrel names the address as a URL even for connection handlers: http://HOST:PORT or http://[IPv6]:PORT.
    [GeneratedRegex(@"https?://(?<host>\[[^\]]*\]|[^/:\s]+):(?<port>\d{1,5})")]
    private static partial Regex BoundAddress();
}
