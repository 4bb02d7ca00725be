using System.Diagnostics;
using System.Net;
using System.Text;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// Chat text and nicknames are shown with their control characters neutralised wherever they reach a terminal:
/// text clients and the server console. JSON clients get the text exactly (JSON escapes it).
/// </summary>
public sealed class TerminalSafetyTests
{
    // ESC sequences (clear screen, erase line + column 1), CR, NUL, BEL, a bidi override, and a line feed that
    // would print a forged console line.
    private const string Hostile = "a\u001b[2Jb\u001b[2K\u001b[1Gc\rd\0e\af\u202Eg\n18:00:00 admin left (quit)";

    [Fact]
    public async Task Text_clients_get_no_raw_control_byte_and_json_clients_get_the_text_exactly()
    {
        await using var server = await TestServer.StartAsync();
        await using var line = await RawClient.ConnectAsync(server.Text);
        await line.SendAsync("REGISTER lee CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await line.ReadLineAsync());
        await using var unframed = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await unframed.ReceiveAsync());
        await unframed.SendAsync("kho");
        await unframed.ReceiveUntilAsync("Connected to server!");
        await using var witness = await JsonClient.HelloAsync(server.Json, "wit");
        await using var mallory = await JsonClient.HelloAsync(server.Json, "mallory");

        await mallory.SendAsync($$"""{"type":"message","message":{{System.Text.Json.JsonSerializer.Serialize(Hostile)}}}""" + "\n");
        await mallory.SendAsync("""{"type":"message","message":"END"}""" + "\n");

        Assert.Equal(Hostile, (await witness.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
        AssertSafe(await ReceiveThroughAsync(line, "END"), allowNewline: true);
        // An unframed client may get queued messages in one write, one per line: "\n" there is the separator. It
        // is an ASCII client: the bidi override (shown as U+FFFD) becomes "?".
        var received = await ReceiveThroughAsync(unframed, "END");
        AssertSafe(received, allowNewline: true);
        Assert.Contains("mallory: a^[[2Jb^[[2K^[[1Gc d^@e^Gf?g 18:00:00 admin left (quit)", received, StringComparison.Ordinal);

        // A text client's own control bytes reach JSON clients unchanged and other text clients neutralised.
        await line.SendAsync("@lee: x\u001b[2Jy\u0007\n");
        Assert.Equal("x\u001b[2Jy\u0007", (await witness.ReadUntilAsync(f => f.Str("type") == "message" && f.Str("user") == "lee")).Str("message"));
        Assert.Equal("lee: x^[[2Jy^G", await unframed.ReceiveUntilAsync("lee: x"));
    }

    [Fact]
    public async Task Nicknames_with_control_characters_are_refused_and_the_refusal_is_safe()
    {
        await using var server = await TestServer.StartAsync();
        await using var line = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await line.ReceiveAsync());
        await line.SendAsync("ev\u001b]0;owned\u0007il\n");
        var refusal = await line.ReadLineAsync();
        Assert.StartsWith("error: Invalid nickname \"ev^[]0;owned^Gil\"", refusal, StringComparison.Ordinal);

        await using var json = await JsonClient.ConnectAsync(server.Json);
        await json.SendAsync("""{"type":"hello","user":"bi\u202Edi"}""" + "\n");
        Assert.Equal("nick-invalid", (await json.ReadAsync()).Str("code"));
        Assert.DoesNotContain("bi\u202Edi", server.Hub.Who("#general")!);
    }

    [Fact]
    public async Task The_console_shows_one_line_per_message_with_no_raw_control_byte()
    {
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "parley"))
        {
            ArgumentList = { "server", "--text-port", "0", "--json-port", "0", "--http-port", "0", "--irc-port", "0", "--weather", "off", "--data", ":memory:" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        })!;
        var stdout = new MemoryStream();
        var reading = CaptureAsync(process.StandardOutput.BaseStream, stdout);
        try
        {
            var json = await WaitForListenerAsync(process, stdout, "json");
            await using var mallory = await JsonClient.HelloAsync(json, "mallory");
            await mallory.SendAsync($$"""{"type":"message","message":{{System.Text.Json.JsonSerializer.Serialize(Hostile)}}}""" + "\n");
            await using var named = await JsonClient.ConnectAsync(json);
            await named.SendAsync("""{"type":"hello","user":"x\u001b[2J\nadmin"}""" + "\n");
            Assert.Equal("nick-invalid", (await named.ReadAsync()).Str("code"));
            await mallory.SendAsync("""{"type":"message","message":"END"}""" + "\n");
            var console = await WaitForAsync(stdout, "mallory: END");

            var lines = console.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines, l => l.Contains("mallory: a^[[2Jb", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("^J18:00:00 admin left (quit)", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.StartsWith("18:00:00 admin", StringComparison.Ordinal) || l.StartsWith("admin", StringComparison.Ordinal));
            AssertSafe(console, allowNewline: true);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await reading.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static async Task CaptureAsync(Stream from, MemoryStream into)
    {
        var buffer = new byte[4096];
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Write(buffer, 0, read);
            }
        }
    }

    private static void AssertSafe(string text, bool allowNewline)
    {
        foreach (var c in text)
        {
            Assert.False(
                (c < 0x20 && !(allowNewline && c == '\n')) || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069'),
                $"raw U+{(int)c:X4} in {text}");
        }
    }

    private static async Task<string> ReceiveThroughAsync(RawClient client, string marker)
    {
        var all = new StringBuilder();
        while (!all.ToString().Contains(marker, StringComparison.Ordinal))
        {
            all.Append(await client.ReceiveAsync());
        }

        return all.ToString();
    }

    private static async Task<IPEndPoint> WaitForListenerAsync(Process process, MemoryStream stdout, string name)
    {
        var text = await WaitForAsync(stdout, $"listening {name} ", process);
        var at = text.IndexOf($"listening {name} ", StringComparison.Ordinal) + $"listening {name} ".Length;
        return IPEndPoint.Parse(text[at..text.IndexOf('\n', at)]);
    }

    /// <summary>Waits (bounded) until the captured stdout holds <paramref name="marker"/> and the end of its line.</summary>
    private static async Task<string> WaitForAsync(MemoryStream stdout, string marker, Process? process = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string text;
            lock (stdout)
            {
                text = Encoding.UTF8.GetString(stdout.GetBuffer(), 0, (int)stdout.Length);
            }

            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && text.IndexOf('\n', at) > 0)
            {
                return text;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "stdout so far:\n" + text);
            Assert.False(process?.HasExited ?? false, "server exited:\n" + text);

            // Polls the captured output; the child process gives no other signal that it wrote a line.
            await Task.Delay(20);
        }
    }
}
