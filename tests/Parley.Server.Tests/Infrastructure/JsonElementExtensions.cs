using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

public static class JsonElementExtensions
{
    /// <summary>The string value of <paramref name="name"/>, or null when absent or not a string.</summary>
    public static string? Str(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long? Num(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    /// <summary>The property names in order, to check the seed's "seq", "user", "message" come first.</summary>
    public static string[] Keys(this JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
