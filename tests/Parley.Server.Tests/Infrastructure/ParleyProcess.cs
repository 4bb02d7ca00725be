using System.Diagnostics;
using System.Threading.Channels;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The real `parley` executable (built next to the tests) in a child process, with stdin, stdout and stderr
/// piped. Output lines are queued as they arrive so a test can await the one it needs, with a deadline.
/// </summary>
public sealed class ParleyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    private ParleyProcess(Process process) => _process = process;

    public int ExitCode => _process.ExitCode;

    /// <summary>XDG_DATA_HOME of every child process: one temporary directory per test run.</summary>
    public static string DataHome { get; } = Directory.CreateTempSubdirectory("parley-test-data-").FullName;

    public static ParleyProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "parley"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A server started without --data keeps its database under XDG_DATA_HOME: a temporary directory, never the
        // real home directory of whoever runs the tests.
        start.Environment["XDG_DATA_HOME"] = DataHome;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var parley = new ParleyProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                parley._stdout.Writer.TryComplete();
            }
            else
            {
                parley._stdout.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return parley;
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The next stdout line satisfying <paramref name="match"/>, skipping others.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var line in _stdout.Reader.ReadAllAsync(deadline.Token))
            {
                _seen.Add(line);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException("No matching line; stdout so far:\n" + string.Join("\n", _seen));
    }

    /// <summary>SIGTERM, as a service manager stops the server. .NET can only send SIGKILL, so the shell's
    /// built-in kill does it (no dependency on procps).</summary>
    public void Terminate()
    {
        using var kill = Process.Start("/bin/sh", ["-c", "kill -TERM " + _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(10_000);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL: the process gets no chance to flush, close or say goodbye (a crash, a power cut of the process).</summary>
    public async Task KillHardAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }
}
