using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Parley.Core.Accounts;

namespace Parley.Server.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Binds "Parley:Accounts" and adds the account service; register it after the history service, whose
    /// start opens the file the accounts share.</summary>
    public static IServiceCollection AddParleyAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection("Parley:Accounts")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AccountOptions>>().Value);
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountStoreService>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountStoreService>());
        return services;
    }
}
