using System.Net;

using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

using Parley.Protocols.Irc;
using Parley.Protocols.Json;
using Parley.Protocols.Text;
using Parley.Server.Admission;
using Parley.Server.Listeners;

namespace Parley.Server.Tls;

/// <summary>
/// The TLS listeners: the same handlers as the plaintext ones behind Kestrel's TLS connection middleware
/// (<c>UseHttps</c>), so no session knows it is encrypted except through the connection's TLS feature. Admission
/// runs before the handshake, so the per-address limits also bound the handshakes a client can make the server do.
/// Named "text-tls", "json-tls", "irc-tls" and "https" in the start-up "listening" lines.
/// </summary>
public static class TlsListeners
{
    /// <summary>Fails the start with the reason when a certificate is named but cannot be used.</summary>
    public static void Validate(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (tls.Certificate.Length > 0 != tls.Key.Length > 0)
        {
            throw new InvalidOperationException("--tls-cert and --tls-key go together: give both or neither.");
        }

        if (tls.Enabled)
        {
            CertificateSource.Load(tls.Certificate, tls.Key).Dispose();
        }
    }

    public static void Add(KestrelServerOptions kestrel, IPAddress host, TlsOptions tls, List<(string Name, ListenOptions Listen)> listeners)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(listeners);
        if (!tls.Enabled)
        {
            return;
        }

        if (tls.TextPort >= 0)
        {
            kestrel.Listen(host, tls.TextPort, listen =>
            {
                listen.UseAdmission("text-tls", TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf));
                UseTls(listen, tls);
                listen.UseConnectionHandler<TextConnectionHandler>();
                listeners.Add(("text-tls", listen));
            });
        }

        if (tls.JsonPort >= 0)
        {
            kestrel.Listen(host, tls.JsonPort, listen =>
            {
                listen.UseAdmission("json-tls", JsonSeedEventEncoder.Instance);
                UseTls(listen, tls);
                listen.UseConnectionHandler<JsonConnectionHandler>();
                listeners.Add(("json-tls", listen));
            });
        }

        if (tls.IrcPort >= 0)
        {
            kestrel.Listen(host, tls.IrcPort, listen =>
            {
                listen.UseAdmission("irc-tls", IrcEventEncoder.Plain);
                UseTls(listen, tls);
                listen.UseConnectionHandler<IrcConnectionHandler>();
                listeners.Add(("irc-tls", listen));
            });
        }

        if (tls.HttpsPort >= 0)
        {
            kestrel.Listen(host, tls.HttpsPort, listen =>
            {
                // The page and /ws (WSS) as on the HTTP port; the page picks wss:// itself when loaded over HTTPS.
                listen.Protocols = HttpProtocols.Http1;
                UseTls(listen, tls);
                listeners.Add(("https", listen));
            });
        }
    }

    private static void UseTls(ListenOptions listen, TlsOptions tls)
    {
        var certificates = listen.ApplicationServices.GetRequiredService<CertificateSource>();
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificateSelector = (_, _) => certificates.Current,
            HandshakeTimeout = tls.HandshakeTimeout,
        });
    }
}
