using System.Net;

using Microsoft.Extensions.Logging;

using Parley.Server.Hosting;

namespace Parley.Server.Admission;

/// <summary>
/// Decides whether a new connection may stay, for every listener at once: at most
/// <see cref="ServerOptions.MaxConnections"/> open over all listeners, at most
/// <see cref="ServerOptions.MaxConnectionsPerIp"/> open per address (<see cref="AddressKey"/>), and attempts per
/// address through a token bucket of <see cref="ServerOptions.ConnectionBurstPerIp"/> tokens refilled at
/// <see cref="ServerOptions.ConnectionsPerIpPerSecond"/>. Every attempt takes a token, refused ones included, so a
/// client hammering a full server is slowed down too. Refusals are logged at most once per address per second,
/// with a count of the ones in between.
/// </summary>
/// <remarks>
/// One lock guards all of it: each decision is a few field updates, and connections arrive far more slowly
/// than the lock can be taken. The bucket is kept here rather than in System.Threading.RateLimiting because
/// its limiters read the Stopwatch and replenish on their own timer, so a <see cref="TimeProvider"/> cannot
/// drive them; here the tokens are refilled lazily from <see cref="TimeProvider.GetTimestamp"/> on each attempt.
/// Address entries expire once no connection of theirs is open and their bucket is full again (and their last
/// refusal is over a second old); a sweep on an attempt removes them every <see cref="SweepInterval"/> or when
/// the table has doubled since the last sweep, so memory stays proportional to the recently active addresses.
/// </remarks>
public sealed partial class ConnectionAdmission
{
    /// <summary>Least time between two sweeps of expired address entries, unless the table doubles sooner.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    /// <summary>Refusals from one address are logged at most once per this period.</summary>
    public static readonly TimeSpan ReportPeriod = TimeSpan.FromSeconds(1);

    private const int MinSweepCount = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<UInt128, AddressEntry> _addresses = [];
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectionAdmission> _logger;
    private readonly int _maxConnections;
    private readonly int _maxPerAddress;
    private readonly int _attemptsPerSecond;
    private readonly int _burst;
    private readonly TimeSpan _idleExpiry;
    private int _open;
    private long _lastSweep;
    private int _sweepAtCount = MinSweepCount;

    // Refusals of connections without an IP address (none on TCP today) share one report gate.
    private readonly AddressEntry _unaddressed = new();

    public ConnectionAdmission(ServerOptions options, TimeProvider time, ILogger<ConnectionAdmission> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _maxConnections = options.MaxConnections;
        _maxPerAddress = options.MaxConnectionsPerIp;
        _attemptsPerSecond = options.ConnectionsPerIpPerSecond;
        _burst = options.ConnectionBurstPerIp;
        var refill = _attemptsPerSecond > 0 ? TimeSpan.FromSeconds((double)_burst / _attemptsPerSecond) : TimeSpan.Zero;
        _idleExpiry = refill > ReportPeriod ? refill : ReportPeriod;
        _lastSweep = time.GetTimestamp();
    }

    /// <summary>Connections admitted and not yet released.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    /// <summary>Address entries currently kept (open connections, a bucket still refilling, a recent refusal).</summary>
    public int TrackedAddresses
    {
        get
        {
            lock (_gate)
            {
                return _addresses.Count;
            }
        }
    }

    /// <summary>
    /// Admits a connection from <paramref name="address"/> (null when the transport has none: only the total
    /// limit applies) or says why not. An admitted connection MUST be released once with <see cref="Release"/>.
    /// </summary>
    public bool TryAdmit(IPAddress? address, string listener, out AdmissionRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var now = _time.GetTimestamp();
        List<(IPAddress Address, int Count)>? expiredReports = null;
        var report = false;
        var unreported = 0;
        var admitted = false;
        lock (_gate)
        {
            if (_time.GetElapsedTime(_lastSweep, now) >= SweepInterval || _addresses.Count >= _sweepAtCount)
            {
                expiredReports = Sweep(now);
            }

            var entry = address is null ? null : Entry(address, now);
            if (entry is not null && _attemptsPerSecond > 0 && !entry.TryTakeToken(now, _time, _attemptsPerSecond, _burst))
            {
                refusal = AdmissionRefusal.TooManyAttempts(_attemptsPerSecond);
            }
            else if (entry is not null && _maxPerAddress > 0 && entry.Open >= _maxPerAddress)
            {
                refusal = AdmissionRefusal.TooManyConnections(_maxPerAddress);
            }
            else if (_open >= _maxConnections)
            {
                refusal = AdmissionRefusal.ServerFull(_maxConnections);
            }
            else
            {
                _open++;
                if (entry is not null)
                {
                    entry.Open++;
                }

                refusal = default;
                admitted = true;
            }

            if (!admitted)
            {
                report = (entry ?? _unaddressed).NoteRefusal(address, now, _time, out unreported);
            }
        }

        if (expiredReports is not null)
        {
            foreach (var (expired, count) in expiredReports)
            {
                LogUnreportedRefusals(expired, count);
            }
        }

        if (report)
        {
            var shown = (object?)address ?? "an unknown address";
            if (unreported == 0)
            {
                LogRefused(shown, listener, refusal.Code, refusal.Limit);
            }
            else
            {
                LogRefusedAgain(shown, listener, refusal.Code, refusal.Limit, unreported);
            }
        }

        return admitted;
    }

    /// <summary>Frees the slot of a connection <see cref="TryAdmit"/> admitted, when it has closed.</summary>
    public void Release(IPAddress? address)
    {
        lock (_gate)
        {
            _open--;
            if (address is not null && _addresses.TryGetValue(AddressKey.Of(address), out var entry))
            {
                entry.Open--;
                entry.LastActivity = _time.GetTimestamp();
            }
        }
    }

    private AddressEntry Entry(IPAddress address, long now)
    {
        var key = AddressKey.Of(address);
        if (!_addresses.TryGetValue(key, out var entry))
        {
            entry = new AddressEntry { Tokens = _burst, LastRefill = now };
            _addresses.Add(key, entry);
        }

        entry.LastActivity = now;
        return entry;
    }

    private List<(IPAddress, int)>? Sweep(long now)
    {
        List<(IPAddress, int)>? reports = null;
        foreach (var (key, entry) in _addresses)
        {
            if (entry.Open == 0 && _time.GetElapsedTime(entry.LastActivity, now) >= _idleExpiry)
            {
                _addresses.Remove(key);
                if (entry.Unreported > 0 && entry.LastRefused is { } refused)
                {
                    (reports ??= []).Add((refused, entry.Unreported));
                }
            }
        }

        _lastSweep = now;
        _sweepAtCount = Math.Max(MinSweepCount, _addresses.Count * 2);
        return reports;
    }

    /// <summary>One address's state; every field is guarded by <see cref="_gate"/>.</summary>
    private sealed class AddressEntry
    {
        public int Open { get; set; }

        public double Tokens { get; set; }

        public long LastRefill { get; set; }

        /// <summary>Last attempt or release: the entry expires this long after it, once nothing is open.</summary>
        public long LastActivity { get; set; }

        public long? LastReport { get; set; }

        public int Unreported { get; set; }

        public IPAddress? LastRefused { get; set; }

        public bool TryTakeToken(long now, TimeProvider time, int perSecond, int burst)
        {
            Tokens = Math.Min(burst, Tokens + (time.GetElapsedTime(LastRefill, now).TotalSeconds * perSecond));
            LastRefill = now;
            if (Tokens < 1)
            {
                return false;
            }

            Tokens--;
            return true;
        }

        /// <summary>True when this refusal should be logged; <paramref name="unreported"/> counts the ones
        /// since the last logged one, which were not.</summary>
        public bool NoteRefusal(IPAddress? address, long now, TimeProvider time, out int unreported)
        {
            LastRefused = address;
            if (LastReport is { } last && time.GetElapsedTime(last, now) < ReportPeriod)
            {
                Unreported++;
                unreported = 0;
                return false;
            }

            unreported = Unreported;
            Unreported = 0;
            LastReport = now;
            return true;
        }
    }
}
