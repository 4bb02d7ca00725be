using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Tls;

/// <summary>
/// TLS settings ("Parley:Tls"; see docs/operations.md and docs/security.md). Nothing listens with TLS unless
/// <see cref="Certificate"/> and <see cref="Key"/> are given; then every TLS port below listens (a port of -1 turns
/// that one off, 0 picks a free port). The plaintext ports keep listening: turn them off at the firewall, or bind
/// them to 127.0.0.1 (--host), if only TLS should face the network.
/// </summary>
public sealed record TlsOptions
{
    /// <summary>PEM certificate file (the chain after the leaf, as Let's Encrypt's fullchain.pem). Reloaded when it changes.</summary>
    public string Certificate { get; init; } = string.Empty;

    /// <summary>PEM private key file (PKCS#8, PKCS#1 RSA or SEC1 EC). Reloaded when it changes.</summary>
    public string Key { get; init; } = string.Empty;

    /// <summary>Port of the text listener over TLS.</summary>
    [Range(-1, 65535)]
    public int TextPort { get; init; } = 5010;

    /// <summary>Port of the JSON-lines listener over TLS.</summary>
    [Range(-1, 65535)]
    public int JsonPort { get; init; } = 5011;

    /// <summary>Port of the IRC listener over TLS (6697, RFC 7194); SASL is offered only here.</summary>
    [Range(-1, 65535)]
    public int IrcPort { get; init; } = 6697;

    /// <summary>Port of the web page, /ws (WSS), /healthz and /readyz over HTTPS.</summary>
    [Range(-1, 65535)]
    public int HttpsPort { get; init; } = 8443;

    /// <summary>Time a client has to finish the TLS handshake; a client that only connects is closed after it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool Enabled => Certificate.Length > 0 && Key.Length > 0;
}
