using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Parley.Server.Tests.Tls;

/// <summary>A self-signed certificate for "localhost" and 127.0.0.1, made at run time (never committed) and written as
/// PEM certificate and key files in a directory of its own, removed on dispose.</summary>
public sealed class TestCertificate : IDisposable
{
    private TestCertificate(string directory, string subject)
    {
        Directory = directory;
        CertificatePath = Path.Combine(directory, "cert.pem");
        KeyPath = Path.Combine(directory, "key.pem");
        Write(subject);
    }

    public string Directory { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public static TestCertificate Create(string subject = "CN=localhost") =>
        new(System.IO.Directory.CreateTempSubdirectory("parley-tls-").FullName, subject);

    /// <summary>Replaces both files with a new certificate (a renewal).</summary>
    public void Write(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
    }

    /// <summary>Settings that turn on every TLS listener on a free port.</summary>
    public Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Parley:Tls:Certificate"] = CertificatePath,
            ["Parley:Tls:Key"] = KeyPath,
            ["Parley:Tls:TextPort"] = "0",
            ["Parley:Tls:JsonPort"] = "0",
            ["Parley:Tls:IrcPort"] = "0",
            ["Parley:Tls:HttpsPort"] = "0",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
