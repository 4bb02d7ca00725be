using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Parley.Client.Connections;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Web;
using Parley.Server.Tls;

namespace Parley.Server.Tests.Tls;

/// <summary>Every TLS listener with a certificate made at run time: handshake and chat, plaintext refused, the
/// client's --tls/--insecure, SASL PLAIN from a scripted IRC client, HTTPS and WSS, and certificate reload.</summary>
public sealed class TlsListenerTests : IAsyncLifetime
{
    private readonly TestCertificate _certificate = TestCertificate.Create();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(_certificate.Settings(new()
    {
        ["Parley:Tls:HandshakeTimeout"] = "00:00:05",
    }));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task Tls_text_listener_chats_with_a_plaintext_text_client()
    {
        await using var secure = await RawClient.ConnectTlsAsync(_server.Endpoint("text-tls"));
        Assert.Equal("NICK", await secure.ReceiveAsync());
        await secure.SendAsync("tina\n");
        await secure.ReadLineUntilAsync(l => l == "Connected to server!");

        await using var plain = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await plain.ReceiveAsync());
        await plain.SendAsync("paul\n");
        await plain.ReadLineUntilAsync(l => l == "Connected to server!");
        await secure.ReadLineUntilAsync(l => l == "paul joined!");

        await plain.SendAsync("hello over tcp\n");
        Assert.Equal("paul: hello over tcp", await secure.ReadLineUntilAsync(l => l.StartsWith("paul:", StringComparison.Ordinal)));
        await secure.SendAsync("hello over tls\n");
        Assert.Equal("tina: hello over tls", await plain.ReadLineUntilAsync(l => l.StartsWith("tina:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Tls_json_listener_says_hello()
    {
        await using var json = await JsonClient.ConnectTlsAsync(_server.Endpoint("json-tls"));
        await json.SendAsync("""{"type":"hello","user":"jess","version":1}""" + "\n");

        Assert.Equal("""{"type":"welcome","version":1,"user":"jess","room":"#general"}""", await json.ReadLineAsync());
    }

    [Fact]
    public async Task Tls_irc_listener_registers_and_offers_sasl_where_plaintext_does_not()
    {
        await using var secure = await IrcClient.ConnectTlsAsync(_server.Endpoint("irc-tls"));
        await secure.SendAsync("CAP LS 302");
        var secureCaps = await secure.ExpectAsync("CAP");
        await secure.SendAsync("CAP END", "NICK ivy", "USER ivy 0 * :Ivy");
        await secure.ExpectAsync("001");

        await using var plain = await IrcClient.ConnectAsync(_server.Irc);
        await plain.SendAsync("CAP LS 302");
        var plainCaps = await plain.ExpectAsync("CAP");
        await plain.SendAsync("CAP REQ :sasl");

        Assert.Contains("sasl=PLAIN", secureCaps, StringComparison.Ordinal);
        Assert.Contains("draft/account-registration", secureCaps, StringComparison.Ordinal);
        Assert.DoesNotContain("sasl", plainCaps, StringComparison.Ordinal);
        Assert.Contains(" NAK ", await plain.ExpectAsync("CAP"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_sasl_plain_logs_an_irc_client_in_before_registration()
    {
        Assert.True((await _server.Hub.Accounts!.RegisterAsync("sasha", "correct-horse", "127.0.0.1:1", default)).Succeeded);
        await using var irc = await IrcClient.ConnectTlsAsync(_server.Endpoint("irc-tls"));

        await irc.SendAsync("CAP LS 302", "NICK sasha", "USER sasha 0 * :Sasha", "CAP REQ :sasl");
        Assert.Contains(" LS ", await irc.ExpectAsync("CAP"), StringComparison.Ordinal);
        Assert.Contains(" ACK ", await irc.ExpectAsync("CAP"), StringComparison.Ordinal);
        await irc.SendAsync("AUTHENTICATE PLAIN");
        Assert.Equal("AUTHENTICATE +", await irc.ExpectAsync("AUTHENTICATE"));
        await irc.SendAsync("AUTHENTICATE " + Plain("sasha", "wrong-horse"));
        Assert.Contains("SASL authentication failed", await irc.ExpectAsync("904"), StringComparison.Ordinal);

        await irc.SendAsync("AUTHENTICATE PLAIN");
        await irc.ExpectAsync("AUTHENTICATE");
        await irc.SendAsync("AUTHENTICATE " + Plain("sasha", "correct-horse"));
        var loggedIn = await irc.ExpectAsync("900");
        await irc.ExpectAsync("903");
        await irc.SendAsync("CAP END");
        await irc.ExpectAsync("001");

        Assert.Contains(" sasha :You are now logged in as sasha", loggedIn, StringComparison.Ordinal);
        Assert.Equal("sasha", _server.Hub.Find("sasha")?.Account);
    }

    [Fact]
    public async Task Tls_plaintext_on_a_tls_port_is_closed_without_a_session()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.Endpoint("irc-tls")).WaitAsync(TimeSpan.FromSeconds(10));
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("NICK plain\r\nUSER plain 0 * :Plain\r\n"));

        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var received = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, deadline.Token)) > 0)
            {
                received.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }

        Assert.False(deadline.IsCancellationRequested, "the TLS port kept a plaintext client open");
        Assert.DoesNotContain("001", received.ToString(), StringComparison.Ordinal);
        Assert.Null(_server.Hub.Find("plain"));
    }

    [Fact]
    public async Task Tls_client_with_insecure_accepts_a_self_signed_certificate()
    {
        await using var connection = new JsonChatConnection();
        var endpoint = new ChatEndpoint("127.0.0.1", _server.Endpoint("json-tls").Port) { Tls = true, Insecure = true };

        await connection.ConnectAsync(endpoint, "cleo", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("cleo", _server.Hub.Find("cleo")?.Nick);
    }

    [Fact]
    public async Task Tls_client_without_insecure_says_the_certificate_is_not_trusted()
    {
        await using var connection = new JsonChatConnection();
        var endpoint = new ChatEndpoint("127.0.0.1", _server.Endpoint("json-tls").Port) { Tls = true };

        var error = await Assert.ThrowsAsync<ChatConnectException>(
            () => connection.ConnectAsync(endpoint, "cleo", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Contains("certificate is not trusted", error.Message, StringComparison.Ordinal);
        Assert.Contains("--insecure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_https_serves_the_page_and_wss_chats()
    {
        var https = _server.Endpoint("https");
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        var page = await http.GetAsync(new Uri($"https://127.0.0.1:{https.Port}/"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        await using var web = await WebSocketClient.ConnectAsync(new Uri($"wss://127.0.0.1:{https.Port}/ws"), trustAnyCertificate: true);
        await web.SendAsync("""{"type":"hello","user":"wes","version":1}""");

        Assert.Equal("""{"type":"welcome","version":1,"user":"wes","room":"#general"}""", await web.ReceiveTextAsync());
    }

    [Fact]
    public async Task Tls_listeners_present_the_configured_certificate()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.Endpoint("irc-tls")).WaitAsync(TimeSpan.FromSeconds(10));
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("CN=localhost", tls.RemoteCertificate!.Subject);
    }

    [Fact]
    public void Tls_certificate_reloads_when_the_files_change()
    {
        using var files = TestCertificate.Create("CN=before");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var source = new CertificateSource(files.CertificatePath, files.KeyPath, time, NullLogger.Instance);
        Assert.Equal("CN=before", source.Current.Subject);

        files.Write("CN=after");
        File.SetLastWriteTimeUtc(files.CertificatePath, DateTime.UtcNow.AddSeconds(5));
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("CN=after", source.Current.Subject);
    }

    [Fact]
    public void Tls_a_broken_certificate_file_stops_the_start_with_the_reason()
    {
        using var files = TestCertificate.Create();
        File.WriteAllText(files.KeyPath, "not a key");

        var error = Assert.Throws<InvalidOperationException>(() => TlsListeners.Validate(new TlsOptions { Certificate = files.CertificatePath, Key = files.KeyPath }));

        Assert.Contains(files.KeyPath, error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => TlsListeners.Validate(new TlsOptions { Certificate = files.CertificatePath }));
    }

    private static string Plain(string account, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + account + "\0" + password));
}
