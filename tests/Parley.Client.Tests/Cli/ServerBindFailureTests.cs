using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Microsoft.AspNetCore.Connections;

using Parley.Cli.Commands;

namespace Parley.Client.Tests.Cli;

/// <summary>`parley server` on a port that is taken says which listener and address, without Kestrel's "http://".</summary>
public sealed class ServerBindFailureTests
{
    private static readonly (string, string, int)[] Listeners = [("text", "127.0.0.1", 5000), ("json", "127.0.0.1", 5001)];

    [Theory]
    [InlineData("Failed to bind to address http://127.0.0.1:5000: address already in use.", "parley: cannot listen on 127.0.0.1:5000 (text): address already in use")]
    [InlineData("Failed to bind to address http://127.0.0.1:5001: address already in use.", "parley: cannot listen on 127.0.0.1:5001 (json): address already in use")]
    [InlineData("Failed to bind to address http://[::1]:5001: address already in use.", "parley: cannot listen on [::1]:5001 (json): address already in use")]
    [InlineData("Failed to bind to address http://10.0.0.9:7000: address already in use.", "parley: cannot listen on 10.0.0.9:7000: address already in use")]
    public void NamesTheListenerAndAddress(string kestrel, string expected)
    {
        var failure = new IOException(kestrel, new AddressInUseException("Address already in use"));
        Assert.Equal(expected, ListenFailure.Describe(failure, Listeners));
    }

    [Fact]
    public void OtherReasonsAreKeptAndUnknownMessagesPassThrough()
    {
        var denied = new IOException("Failed to bind to address http://127.0.0.1:5000.", new SocketException((int)SocketError.AccessDenied));
        Assert.StartsWith("parley: cannot listen on 127.0.0.1:5000 (text): ", ListenFailure.Describe(denied, Listeners), StringComparison.Ordinal);
        Assert.Equal("parley: cannot listen: disk on fire", ListenFailure.Describe(new IOException("disk on fire"), Listeners));
    }

    [Fact]
    public async Task APortInUseIsReportedWithoutHttp()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "parley"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "server", "--text-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json-port", "0", "--http-port", "0", "--irc-port", "0", "--data", ":memory:" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(2, process.ExitCode);
            Assert.Equal($"parley: cannot listen on 127.0.0.1:{port} (text): address already in use", (await stderr).Trim());
            Assert.DoesNotContain("http://", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
