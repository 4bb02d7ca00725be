using System.Security.Cryptography.X509Certificates;

using Microsoft.Extensions.Logging;

namespace Parley.Server.Tls;

/// <summary>
/// The server certificate from a PEM certificate and key, loaded once at start (a bad file stops the start) and again
/// whenever either file changes: a watcher marks it stale, and the modification times are compared at most once a
/// second on handshakes too (watchers miss changes on some file systems, and a renewal tool may replace the files by
/// renaming). A reload that fails keeps the certificate in use and is logged; the next change tries again.
/// Threads: any handshake thread calls <see cref="Current"/>; the swap is one reference write.
/// </summary>
public sealed partial class CertificateSource : IDisposable
{
    private static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);
    private readonly string _certificatePath;
    private readonly string _keyPath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Lock _reloading = new();
    private X509Certificate2 _current;
    private (DateTime Certificate, DateTime Key) _loadedStamps;
    private long _nextCheck;
    private volatile bool _stale;

    public CertificateSource(string certificatePath, string keyPath, TimeProvider time, ILogger logger)
    {
        _certificatePath = Path.GetFullPath(certificatePath);
        _keyPath = Path.GetFullPath(keyPath);
        _time = time;
        _logger = logger;
        _loadedStamps = Stamps();
        _current = Load(_certificatePath, _keyPath);
        Watch();
    }

    /// <summary>The certificate to present now; reloads first when the files changed.</summary>
    public X509Certificate2 Current
    {
        get
        {
            var now = _time.GetTimestamp();
            if (_stale || now >= Volatile.Read(ref _nextCheck))
            {
                Volatile.Write(ref _nextCheck, now + (long)(RecheckInterval.TotalSeconds * _time.TimestampFrequency));
                ReloadIfChanged();
            }

            return Volatile.Read(ref _current);
        }
    }

    /// <summary>Reads the files; throws <see cref="InvalidOperationException"/> naming the files when they are unusable.</summary>
    public static X509Certificate2 Load(string certificatePath, string keyPath)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"{keyPath} holds no private key for {certificatePath}.");
            }

            return certificate;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"Cannot use the TLS certificate {certificatePath} with key {keyPath}: {ex.Message}", ex);
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }

    private void ReloadIfChanged()
    {
        lock (_reloading)
        {
            var stamps = Stamps();
            if (!_stale && stamps == _loadedStamps)
            {
                return;
            }

            _stale = false;
            try
            {
                var fresh = Load(_certificatePath, _keyPath);
                _loadedStamps = stamps;

                // The old certificate is not disposed: handshakes in progress may still hold it.
                Volatile.Write(ref _current, fresh);
                LogReloaded(_certificatePath, fresh.Subject, fresh.NotAfter);
            }
            catch (InvalidOperationException ex)
            {
                // Half-written files during a renewal land here; the next change (or recheck) tries again.
                _loadedStamps = stamps;
                LogReloadFailed(_certificatePath, ex.Message);
            }
        }
    }

    private (DateTime, DateTime) Stamps() => (File.GetLastWriteTimeUtc(_certificatePath), File.GetLastWriteTimeUtc(_keyPath));

    private void Watch()
    {
        foreach (var directory in new[] { Path.GetDirectoryName(_certificatePath)!, Path.GetDirectoryName(_keyPath)! }.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var watcher = new FileSystemWatcher(directory) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
                watcher.Changed += OnChanged;
                watcher.Created += OnChanged;
                watcher.Renamed += OnChanged;
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
            {
                // The once-a-second recheck still notices changes.
                LogWatchFailed(directory, ex.Message);
            }
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (string.Equals(e.FullPath, _certificatePath, StringComparison.Ordinal) || string.Equals(e.FullPath, _keyPath, StringComparison.Ordinal))
        {
            _stale = true;
        }
    }
}
