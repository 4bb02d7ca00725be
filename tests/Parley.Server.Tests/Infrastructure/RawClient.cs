using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A scripted TCP client, as the seed texts' clients behave: it sends raw bytes and reads what arrives,
/// either as lines or as single recv() calls. Every wait has a deadline.
/// </summary>
public sealed class RawClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly StringBuilder _pending = new();
    private readonly byte[] _buffer = new byte[64 * 1024];

    private RawClient(TcpClient tcp, Stream? stream = null)
    {
        _tcp = tcp;
        _stream = stream ?? tcp.GetStream();
    }

    public static async Task<RawClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(endPoint).WaitAsync(DefaultTimeout);
        return new RawClient(tcp);
    }

    /// <summary>Connects and completes a TLS handshake for "localhost", trusting any certificate (tests make their own).</summary>
    public static async Task<RawClient> ConnectTlsAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(endPoint).WaitAsync(DefaultTimeout);
            var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }).WaitAsync(DefaultTimeout);
            return new RawClient(tcp, tls);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Whether the stream is TLS (for tests that check what they are talking over).</summary>
    public bool IsTls => _stream is SslStream;

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes).AsTask().WaitAsync(DefaultTimeout);

    /// <summary>One recv(), as a tutorial client does: whatever bytes have arrived (empty at end of stream).</summary>
    public async Task<string> ReceiveAsync(TimeSpan? timeout = null)
    {
        if (_pending.Length > 0)
        {
            var text = _pending.ToString();
            _pending.Clear();
            return text;
        }

        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var read = await _stream.ReadAsync(_buffer, deadline.Token);
        return Encoding.UTF8.GetString(_buffer, 0, read);
    }

    /// <summary>One recv() as raw bytes (empty at end of stream); bytes already buffered as text come first.</summary>
    public async Task<byte[]> ReceiveBytesAsync(TimeSpan? timeout = null)
    {
        if (_pending.Length > 0)
        {
            var text = _pending.ToString();
            _pending.Clear();
            return Encoding.UTF8.GetBytes(text);
        }

        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var read = await _stream.ReadAsync(_buffer, deadline.Token);
        return _buffer[..read];
    }

    /// <summary>The next "\n"-terminated line, terminator (and a preceding "\r") removed; null at end of stream.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var text = _pending.ToString();
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (newline >= 0)
            {
                _pending.Remove(0, newline + 1);
                return text[..newline].TrimEnd('\r');
            }

            var read = await _stream.ReadAsync(_buffer, deadline.Token);
            if (read == 0)
            {
                return null;
            }

            _pending.Append(Encoding.UTF8.GetString(_buffer, 0, read));
        }
    }

    /// <summary>Reads lines until one satisfies <paramref name="match"/>; returns it (null at end of stream).</summary>
    public async Task<string?> ReadLineUntilAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("No matching line in time.");
            }

            var line = await ReadLineAsync(left);
            if (line is null || match(line))
            {
                return line;
            }
        }
    }

    /// <summary>Collects recv() results until their concatenation contains <paramref name="expected"/>.</summary>
    public async Task<string> ReceiveUntilAsync(string expected, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var all = new StringBuilder();
        while (!all.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Did not receive \"{expected}\"; got \"{all}\".");
            }

            var chunk = await ReceiveAsync(left);
            if (chunk.Length == 0)
            {
                throw new EndOfStreamException($"Closed before \"{expected}\"; got \"{all}\".");
            }

            all.Append(chunk);
        }

        return all.ToString();
    }

    /// <summary>True once the server has closed the connection (reads return 0), within the timeout.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (await _stream.ReadAsync(_buffer, deadline.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
