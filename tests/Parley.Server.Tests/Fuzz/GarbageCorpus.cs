using System.Net.WebSockets;
using System.Text;

namespace Parley.Server.Tests.Fuzz;

/// <summary>
/// What one garbage connection sends, from a fixed seed (the same bytes every run): for half the seeds a valid
/// registration as junkN first, then pieces of random bytes rich in framing characters, mutated valid frames of the
/// wire, frames that claim to come from "honest", and oversize input.
/// </summary>
internal sealed class GarbageCorpus(string wire, int seed)
{
    private const int PieceCount = 8;
    private static readonly byte[] Framing = "\n\r{}\"\\: @#!\0"u8.ToArray();
    private readonly Random _random = new(0x5EED + (seed * 7919) + wire.Length);

    public IEnumerable<byte[]> Pieces()
    {
        if (seed % 2 == 0)
        {
            yield return Utf8(Registration());
        }

        for (var i = 0; i < PieceCount; i++)
        {
            yield return _random.Next(5) switch
            {
                0 => RandomBytes(_random.Next(1, 1500)),
                1 => Mutate(Utf8(ValidFrame(i))),
                2 => Utf8(Forged(i)),
                3 => Oversize(),
                _ => Utf8(ValidFrame(i)),
            };
        }
    }

    /// <summary>For /ws: mostly text messages, sometimes binary (which ends the connection), cut into fragments.</summary>
    public (WebSocketMessageType Type, int[] Fragments) WebSocketShape(int length)
    {
        var type = _random.Next(12) == 0 ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
        var fragments = Enumerable.Range(0, _random.Next(3)).Select(_ => _random.Next(0, length + 1)).ToArray();
        return (type, fragments);
    }

    /// <summary>After a real upgrade: bytes that are not valid client framing.</summary>
    public IEnumerable<byte[]> RawWebSocketPieces()
    {
        // An unmasked text frame (clients must mask), a masked one, a 64-bit length far beyond any limit,
        // a reserved opcode, then noise.
        yield return [0x81, 0x05, .. "hello"u8];
        var payload = Utf8($$"""{"type":"message","user":"honest","message":"forged raw {{seed}}"}""");
        byte[] mask = [0x11, 0x22, 0x33, 0x44];
        yield return [0x81, (byte)(0x80 | payload.Length), .. mask, .. payload.Select((b, i) => (byte)(b ^ mask[i % 4]))];
        yield return [0x81, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, .. mask];
        yield return [(byte)(0x80 | (3 + (seed % 5))), 0x80, .. mask];
        yield return RandomBytes(_random.Next(1, 3000));
    }

    private string Registration() => wire switch
    {
        "text" => $"junk{seed}: hi\n",
        "irc" => $"NICK junk{seed}\r\nUSER junk{seed} 0 * :junk\r\nJOIN #general\r\n",
        "ws" => $$"""{"type":"hello","user":"junk{{seed}}","version":1}""",
        _ => $$"""{"type":"hello","user":"junk{{seed}}","version":1}""" + "\n",
    };

    private string ValidFrame(int i) => wire switch
    {
        "text" => $"junk text {seed}.{i}\n",
        "irc" => _random.Next(3) switch
        {
            0 => $"PRIVMSG #general :junk irc {seed}.{i}\r\n",
            1 => $"@time=x;+a=b\\sc :someone!x@y PRIVMSG #general :junk {i}\r\n",
            _ => $"MODE #general +b *!*@*\r\nTOPIC #general :junk\r\nWHO #general\r\n",
        },
        "ws" => $$"""{"type":"message","message":"junk ws {{seed}}.{{i}}"}""",
        _ => $$"""{"type":"message","message":"junk json {{seed}}.{{i}}"}""" + "\n",
    };

    /// <summary>Frames that name "honest" as their author: the server must take the author from the connection.</summary>
    private string Forged(int i) => wire switch
    {
        "text" => $"honest: forged {seed}.{i}\n@honest: forged {seed}.{i}\n",
        "irc" => $":honest!honest@parley PRIVMSG #general :forged {seed}.{i}\r\nNICK honest\r\n",
        "ws" => $$"""{"type":"message","user":"honest","message":"forged {{seed}}.{{i}}"}""",
        _ => $$"""{"seq":1,"user":"honest","message":"forged {{seed}}.{{i}}"}""" + "\n" +
             $$"""{"type":"hello","user":"honest"}""" + "\n",
    };

    private byte[] Oversize()
    {
        var bytes = new byte[_random.Next(5_000, 20_000)];
        Array.Fill(bytes, (byte)'x');
        if (_random.Next(2) == 0)
        {
            bytes[^1] = (byte)'\n';
        }

        return bytes;
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        for (var i = 0; i < length; i++)
        {
            if (_random.Next(4) == 0)
            {
                bytes[i] = Framing[_random.Next(Framing.Length)];
            }
        }

        return bytes;
    }

    private byte[] Mutate(byte[] frame)
    {
        var bytes = new List<byte>(frame);
        for (var edits = _random.Next(1, 5); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = _random.Next(bytes.Count);
            var value = _random.Next(3) == 0 ? Framing[_random.Next(Framing.Length)] : (byte)_random.Next(256);
            switch (_random.Next(3))
            {
                case 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                default: bytes.RemoveAt(at); break;
            }
        }

        return [.. bytes];
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
