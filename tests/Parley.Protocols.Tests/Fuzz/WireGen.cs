using System.Text;

using CsCheck;

namespace Parley.Protocols.Tests.Fuzz;

/// <summary>Generators for wire-level fuzzing: bytes rich in framing characters, texts rich in hostile characters.</summary>
internal static class WireGen
{
    /// <summary>Any byte, with the ones framers care about (newline, CR, braces, quote, backslash, NUL) made common.</summary>
    public static readonly Gen<byte> FramingByte = Gen.Frequency(
        (6, Gen.Byte),
        (2, Gen.OneOf((byte)'\n', (byte)'\r', (byte)'{', (byte)'}', (byte)'"', (byte)'\\', (byte)0, (byte)':', (byte)' ')));

    public static readonly Gen<byte[]> Bytes = FramingByte.Array[0, 600];

    /// <summary>Cut offsets for splitting a stream into reads.</summary>
    public static Gen<int[]> Cuts(int length) => Gen.Int[0, Math.Max(0, length)].Array[0, 12];

    /// <summary>Pieces of text that break naive encoders: quotes, escapes, control characters, bidi overrides,
    /// line breaks, multi-byte UTF-8 and a character beyond the BMP.</summary>
    public static readonly Gen<string> HostileText = Gen.OneOf(
            "a", "Z", "0", " ", "é", "中", "😀", "\"", "\\", "<", ">", "&", ":", "@", ": ", "\t", "\n", "\r", "\r\n",
            "\u0000", "\u0001", "\u001b[2J", "\u007f", "\u0085", "\u202e", "\u2028", "bob: hi", "{\"type\":\"message\"}")
        .Array[0, 40]
        .Select(static parts => string.Concat(parts));

    /// <summary>Text a terminal shows as it is (no control or bidi characters): what round trips through text dialects.</summary>
    public static readonly Gen<string> PrintableText = Gen.OneOf(
            "a", "Z", "0", " ", "é", "中", "😀", "\"", "\\", "<", ">", "&", ":", "@", "x: y", "#", "!")
        .Array[1, 40]
        .Select(static parts => string.Concat(parts).Trim())
        .Where(static s => s.Length > 0);

    public static readonly Gen<string> Nick = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        .Select(Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789_-"], 0, 15], static (first, rest) => first + rest);

    public static readonly Gen<string> Room = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"], 1, 20]
        .Select(static s => "#" + s);

    /// <summary>Times as the wire carries them: millisecond precision, a whole-minute offset.</summary>
    public static readonly Gen<DateTimeOffset> Time = Gen.Long[0, 4_102_444_800_000L].Select(
        Gen.Int[-12 * 60, 14 * 60],
        static (ms, offset) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromMinutes(offset)));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
