namespace Parley.Protocols.Text;

/// <summary>What a text connection is sent: UTF-8, or ASCII (transliterated) for seed programs that decode what
/// they receive as ASCII or byte by byte (docs/protocol.md, "Characters").</summary>
public enum TextCharset
{
    Utf8,
    Ascii,
}
