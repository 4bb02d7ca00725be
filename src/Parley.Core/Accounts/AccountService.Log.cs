using Microsoft.Extensions.Logging;

namespace Parley.Core.Accounts;

public sealed partial class AccountService
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Account {Account} registered from {Address}")]
    private partial void LogRegistered(string account, string address);

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Account {Account} logged in from {Address}")]
    private partial void LogLoggedIn(string account, string address);

    // The password is never an argument of any log here.
    [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "Failed login to {Account} from {Address}: {Reason}")]
    private partial void LogLoginFailed(string account, string address, string reason);

    [LoggerMessage(EventId = 803, Level = LogLevel.Warning, Message = "Login attempt to {Account} from {Address} refused: too many attempts")]
    private partial void LogRateLimited(string account, string address);

    [LoggerMessage(EventId = 804, Level = LogLevel.Information, Message = "Account {Account} changed its password from {Address}")]
    private partial void LogPasswordChanged(string account, string address);

    [LoggerMessage(EventId = 805, Level = LogLevel.Error, Message = "Account store failed for {Account}")]
    private partial void LogStoreFailed(Exception exception, string account);

    [LoggerMessage(EventId = 806, Level = LogLevel.Information, Message = "Account {Account} re-hashed with {Iterations} iterations")]
    private partial void LogRehashed(string account, int iterations);
}
