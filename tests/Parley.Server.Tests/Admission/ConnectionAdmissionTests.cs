using System.ComponentModel.DataAnnotations;
using System.Net;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

using Parley.Core.Events;
using Parley.Server.Admission;
using Parley.Server.Hosting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Admission;

/// <summary>The admission rules without sockets, on a clock that only moves when the test says so.</summary>
public sealed class ConnectionAdmissionTests : IDisposable
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.2");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLoggerProvider _logs = new();
    private readonly LoggerFactory _loggerFactory;

    public ConnectionAdmissionTests() => _loggerFactory = new LoggerFactory([_logs]);

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public void TotalLimitCountsEveryAddressAndAReleaseFreesASlot()
    {
        var admission = Create(new ServerOptions { MaxConnections = 3 });
        Assert.True(admission.TryAdmit(A, "text", out _));
        Assert.True(admission.TryAdmit(B, "json", out _));
        Assert.True(admission.TryAdmit(IPAddress.Parse("10.0.0.3"), "text", out _));

        Assert.False(admission.TryAdmit(IPAddress.Parse("10.0.0.4"), "json", out var refusal));
        Assert.Equal((ErrorCodes.ServerFull, 3), (refusal.Code, refusal.Limit));
        Assert.Equal("The server is full (at most 3 connections); try again later.", refusal.Text);

        admission.Release(B);
        Assert.True(admission.TryAdmit(IPAddress.Parse("10.0.0.4"), "json", out _));
        Assert.Equal(3, admission.OpenConnections);
    }

    [Fact]
    public void PerAddressLimitLeavesOtherAddressesAlone()
    {
        var admission = Create(new ServerOptions { MaxConnectionsPerIp = 2 });
        Assert.True(admission.TryAdmit(A, "text", out _));
        Assert.True(admission.TryAdmit(A, "json", out _));

        Assert.False(admission.TryAdmit(A, "text", out var refusal));
        Assert.Equal(ErrorCodes.TooManyConnections, refusal.Code);
        Assert.Equal("Too many connections from your address (at most 2).", refusal.Text);
        Assert.True(admission.TryAdmit(B, "text", out _));

        admission.Release(A);
        Assert.True(admission.TryAdmit(A, "text", out _));
    }

    [Fact]
    public void AttemptsBeyondTheBurstAreRefusedUntilTheBucketRefills()
    {
        var admission = Create(new ServerOptions { ConnectionsPerIpPerSecond = 5, ConnectionBurstPerIp = 3 });
        for (var i = 0; i < 3; i++)
        {
            Assert.True(admission.TryAdmit(A, "text", out _));
            admission.Release(A);
        }

        Assert.False(admission.TryAdmit(A, "text", out var refusal));
        Assert.Equal((ErrorCodes.TooManyAttempts, 5), (refusal.Code, refusal.Limit));
        Assert.Equal("Too many connection attempts from your address (at most 5 per second); try again later.", refusal.Text);
        Assert.True(admission.TryAdmit(B, "text", out _));

        _time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.True(admission.TryAdmit(A, "text", out _));
        Assert.False(admission.TryAdmit(A, "text", out _));
    }

    [Fact]
    public void RefusedAttemptsTakeTokensToo()
    {
        var admission = Create(new ServerOptions { MaxConnectionsPerIp = 1, ConnectionsPerIpPerSecond = 1, ConnectionBurstPerIp = 3 });
        Assert.True(admission.TryAdmit(A, "text", out _));
        Assert.False(admission.TryAdmit(A, "text", out var full));
        Assert.Equal(ErrorCodes.TooManyConnections, full.Code);
        Assert.False(admission.TryAdmit(A, "text", out _));

        admission.Release(A);
        Assert.False(admission.TryAdmit(A, "text", out var tooFast));
        Assert.Equal(ErrorCodes.TooManyAttempts, tooFast.Code);
    }

    [Fact]
    public void ZeroMeansNoPerAddressLimit()
    {
        var admission = Create(new ServerOptions { MaxConnectionsPerIp = 0, ConnectionsPerIpPerSecond = 0 });
        for (var i = 0; i < 500; i++)
        {
            Assert.True(admission.TryAdmit(IPAddress.Loopback, "text", out _));
        }

        Assert.Equal(500, admission.OpenConnections);
    }

    [Fact]
    public void IPv4MappedAndIPv6SlashSixtyFourShareACount()
    {
        var admission = Create(new ServerOptions { MaxConnectionsPerIp = 1 });
        Assert.True(admission.TryAdmit(A, "text", out _));
        Assert.False(admission.TryAdmit(A.MapToIPv6(), "text", out _));

        Assert.True(admission.TryAdmit(IPAddress.Parse("2001:db8:1:2::1"), "text", out _));
        Assert.False(admission.TryAdmit(IPAddress.Parse("2001:db8:1:2:ffff::9"), "text", out _));
        Assert.True(admission.TryAdmit(IPAddress.Parse("2001:db8:1:3::1"), "text", out _));
    }

    [Fact]
    public void IdleAddressesExpireSoMemoryStaysBounded()
    {
        var admission = Create(new ServerOptions { ConnectionsPerIpPerSecond = 10, ConnectionBurstPerIp = 20 });
        for (var i = 0; i < 100; i++)
        {
            var address = new IPAddress([10, 1, 0, (byte)i]);
            Assert.True(admission.TryAdmit(address, "text", out _));
            admission.Release(address);
        }

        Assert.True(admission.TryAdmit(A, "text", out _));
        Assert.Equal(101, admission.TrackedAddresses);

        _time.Advance(ConnectionAdmission.SweepInterval);
        Assert.True(admission.TryAdmit(B, "text", out _));

        // The entries whose bucket refilled and that have nothing open are gone; A is still connected.
        Assert.Equal(2, admission.TrackedAddresses);
    }

    [Fact]
    public void ALargeTableIsSweptBeforeTheIntervalEnds()
    {
        // Default bucket: 40 tokens at 20 per second, so an address expires 2 s after its last attempt.
        var admission = Create(new ServerOptions());
        for (var i = 0; i < 1500; i++)
        {
            var address = new IPAddress([10, 2, (byte)(i / 256), (byte)(i % 256)]);
            Assert.True(admission.TryAdmit(address, "text", out _));
            admission.Release(address);
            _time.Advance(TimeSpan.FromMilliseconds(3));
        }

        // The sweep at 1,024 entries (3.07 s in) dropped the ~350 idle for 2 s; the next waits for twice the rest.
        Assert.InRange(admission.TrackedAddresses, 1, 1200);
    }

    [Fact]
    public void RefusalsAreLoggedOncePerAddressPerSecondWithACount()
    {
        var admission = Create(new ServerOptions { MaxConnectionsPerIp = 1, ConnectionsPerIpPerSecond = 0 });
        Assert.True(admission.TryAdmit(A, "text", out _));
        for (var i = 0; i < 10; i++)
        {
            Assert.False(admission.TryAdmit(A, "json", out _));
        }

        var first = Assert.Single(_logs.Entries);
        Assert.Equal((240, LogLevel.Warning), (first.EventId, first.Level));
        Assert.Equal("Refused a connection from 10.0.0.1 (json): too-many-connections, limit 1", first.Message);

        _time.Advance(ConnectionAdmission.ReportPeriod);
        Assert.False(admission.TryAdmit(A, "text", out _));
        var second = _logs.Entries.Last();
        Assert.Equal(241, second.EventId);
        Assert.EndsWith("; 9 more refused since the last report", second.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusalsNotYetLoggedAreCountedWhenTheirAddressExpires()
    {
        var admission = Create(new ServerOptions { ConnectionsPerIpPerSecond = 1, ConnectionBurstPerIp = 1 });
        Assert.True(admission.TryAdmit(A, "text", out _));
        admission.Release(A);
        for (var i = 0; i < 4; i++)
        {
            Assert.False(admission.TryAdmit(A, "text", out _));
        }

        _time.Advance(ConnectionAdmission.SweepInterval);
        Assert.True(admission.TryAdmit(B, "text", out _));
        var last = _logs.Entries.Last();
        Assert.Equal((242, "3 more connections from 10.0.0.1 were refused since the last report"), (last.EventId, last.Message));
    }

    [Fact]
    public void DefaultsAreFiniteAndNegativeLimitsAreInvalid()
    {
        var defaults = new ServerOptions();
        Assert.Equal((10_000, 64, 20, 40), (defaults.MaxConnections, defaults.MaxConnectionsPerIp, defaults.ConnectionsPerIpPerSecond, defaults.ConnectionBurstPerIp));
        Assert.True(IsValid(defaults));
        Assert.False(IsValid(defaults with { MaxConnectionsPerIp = -1 }));
        Assert.False(IsValid(defaults with { ConnectionsPerIpPerSecond = -1 }));
        Assert.False(IsValid(defaults with { ConnectionBurstPerIp = 0 }));
        Assert.False(IsValid(defaults with { MaxConnections = 0 }));
    }

    private static bool IsValid(ServerOptions options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

    private ConnectionAdmission Create(ServerOptions options) =>
        new(options, _time, _loggerFactory.CreateLogger<ConnectionAdmission>());
}
