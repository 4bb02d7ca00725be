using System.Net;

using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;

using Parley.Core.Events;
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

        ListenTls<TextConnectionHandler>(kestrel, host, tls, tls.TextPort, "text-tls", TextEventEncoder.For(TextDialect.Prompted, TextFraming.Lf), listeners);
        ListenTls<JsonConnectionHandler>(kestrel, host, tls, tls.JsonPort, "json-tls", JsonSeedEventEncoder.Instance, listeners);
        ListenTls<IrcConnectionHandler>(kestrel, host, tls, tls.IrcPort, "irc-tls", IrcEventEncoder.Plain, listeners);

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

    /// <summary>One TCP listener behind TLS (port &lt; 0: none): admission first, then the handshake, then the session.</summary>
    private static void ListenTls<THandler>(KestrelServerOptions kestrel, IPAddress host, TlsOptions tls, int port, string name,
        IEventEncoder refusalEncoder, List<(string Name, ListenOptions Listen)> listeners)
        where THandler : ConnectionHandler
    {
        if (port < 0)
        {
            return;
        }

        kestrel.Listen(host, port, listen =>
        {
            listen.UseAdmission(name, refusalEncoder);
            UseTls(listen, tls);
            listen.UseConnectionHandler<THandler>();
            listeners.Add((name, listen));
        });
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
