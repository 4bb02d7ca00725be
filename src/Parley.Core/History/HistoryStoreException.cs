namespace Parley.Core.History;

/// <summary>The store cannot be used as asked (newer schema, corrupt or locked file, unwritable path). The message
/// is written for the operator, in one line, and says what to do.</summary>
public sealed class HistoryStoreException : Exception
{
    public HistoryStoreException()
    {
    }

    public HistoryStoreException(string message)
        : base(message)
    {
    }

    public HistoryStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
