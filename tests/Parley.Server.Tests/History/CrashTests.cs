using System.Diagnostics;
using System.Net;
using System.Text.Json;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.History;

/// <summary>The real `parley server` process on a SQLite file, killed with SIGKILL while clients send.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("parley-crash-");

    private string DbPath => Path.Combine(_directory.FullName, "parley.db");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Every_message_a_client_received_before_kill_9_is_in_history_in_order_once()
    {
        const int Senders = 3;
        const int PerSender = 20;
        var received = new List<long>();
        await using (var server = ParleyProcess.Start("server", "--text-port", "0", "--json-port", "0", "--data", DbPath))
        {
            var json = await JsonEndPointAsync(server);
            Assert.Equal("data sqlite " + DbPath, await server.WaitForLineAsync(l => l.StartsWith("data ", StringComparison.Ordinal)));
            await using var watcher = await JsonClient.HelloAsync(json, "watcher");
            var senders = new List<JsonClient>();
            for (var s = 0; s < Senders; s++)
            {
                senders.Add(await JsonClient.HelloAsync(json, $"sender{s}"));
            }

            // Every sender fires its whole burst at once; the server is killed halfway through what the watcher sees.
            foreach (var (sender, s) in senders.Select((c, i) => (c, i)))
            {
                await sender.SendAsync(string.Concat(Enumerable.Range(0, PerSender).Select(n => $$"""{"type":"message","message":"s{{s}} n{{n}}"}""" + "\n")));
            }

            while (received.Count < Senders * PerSender / 2)
            {
                var frame = await watcher.ReadUntilAsync(f => f.Str("type") == "message");
                received.Add(frame.Num("id")!.Value);
            }

            await server.KillHardAsync();
            foreach (var sender in senders)
            {
                await sender.DisposeAsync();
            }
        }

        await using var restarted = ParleyProcess.Start("server", "--text-port", "0", "--json-port", "0", "--data", DbPath);
        await using var reader = await JsonClient.HelloAsync(await JsonEndPointAsync(restarted), "reader");
        await reader.SendAsync("""{"type":"history","limit":500}""" + "\n");
        var page = await reader.ReadUntilAsync(f => f.Str("type") == "history");
        var stored = page.GetProperty("messages").EnumerateArray().Select(m => m.Num("id")!.Value).ToList();

        Assert.Equal(stored.Order().Distinct(), stored);
        Assert.All(received, id => Assert.Contains(id, stored));
        Assert.Equal(received, stored.Where(received.Contains));
    }

    [Fact]
    public async Task A_corrupt_data_file_stops_the_server_with_a_reason_and_exit_code_3()
    {
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)(255 - (i % 251))).ToArray();
        await File.WriteAllBytesAsync(DbPath, garbage);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "parley"))
        {
            ArgumentList = { "server", "--text-port", "0", "--json-port", "0", "--data", DbPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, process.ExitCode);
        Assert.StartsWith($"parley: history: {DbPath} is not a Parley database or is damaged", (await stderr).Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("listening", await stdout, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(DbPath));
    }

    private static async Task<IPEndPoint> JsonEndPointAsync(ParleyProcess server)
    {
        var listening = await server.WaitForLineAsync(l => l.StartsWith("listening json ", StringComparison.Ordinal));
        return IPEndPoint.Parse(listening["listening json ".Length..]);
    }
}
