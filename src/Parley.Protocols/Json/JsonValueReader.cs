using System.Text;
using System.Text.Json;

namespace Parley.Protocols.Json;

/// <summary>Reads field values leniently: null counts as absent, and invalid UTF-8 becomes U+FFFD instead of throwing.</summary>
internal static class JsonValueReader
{
    public enum Outcome
    {
        Absent,
        Value,
        WrongType,
    }

    public static Outcome ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return Outcome.Absent;
            case JsonTokenType.String:
                value = GetStringLenient(ref reader);
                return value is null ? Outcome.WrongType : Outcome.Value;
            default:
                reader.Skip();
                return Outcome.WrongType;
        }
    }

    public static Outcome ReadInt64(ref Utf8JsonReader reader, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Outcome.Absent;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            value = number;
            return Outcome.Value;
        }

        reader.Skip();
        return Outcome.WrongType;
    }

    /// <summary>The property name under the reader, or null when it is not valid text (it is then ignored).</summary>
    public static string? GetNameOrNull(ref Utf8JsonReader reader) => GetStringLenient(ref reader);

    /// <summary>
    /// The string, or null when it cannot be made valid text. GetString refuses invalid UTF-8 and lone
    /// surrogate escapes; raw (unescaped) bytes are then decoded with replacement, as everywhere in Parley.
    /// An escaped string with bad bytes is refused: unescaping it by hand is not worth the code.
    /// </summary>
    private static string? GetStringLenient(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            if (reader.ValueIsEscaped)
            {
                return null;
            }

            return reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }
}
