using Parley.Core.Events;

namespace Parley.Core.Hub;

/// <summary>A history or search request's outcome: the page, or an error code and its text for the member.</summary>
public sealed record HistoryAnswer(HistoryPage? Page, string? ErrorCode, string? ErrorText)
{
    public static HistoryAnswer Fail(string code, string text) => new(null, code, text);
}
