using Microsoft.AspNetCore.Http;

namespace Parley.Server.Web;

/// <summary>
/// Which pages may open the WebSocket: the server's own (the Origin names the host the request is addressed to)
/// and those listed in <c>AllowedOrigins</c> ("*" for any). Without this check any web site a user visits could
/// chat as that user from its own page (cross-site WebSocket hijacking). A request without an Origin header does
/// not come from a browser page (scripts, the bench tool) and is allowed.
/// </summary>
public sealed class OriginPolicy(IReadOnlyList<string> allowed)
{
    private readonly bool _any = allowed.Contains("*");
    private readonly HashSet<string> _allowed = [.. allowed.Where(a => a != "*").Select(Normalize)];

    public bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || _any)
        {
            return true;
        }

        var normalized = Normalize(origin);
        return _allowed.Contains(normalized)
            || string.Equals(normalized, Normalize($"{request.Scheme}://{request.Host.Value}"), StringComparison.Ordinal);
    }

    // scheme://host[:port], lower case, default ports dropped, no trailing slash.
    private static string Normalize(string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
            ? (uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}").ToLowerInvariant()
            : origin.Trim().ToLowerInvariant();
}
