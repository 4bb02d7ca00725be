using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Parley.Server.Hosting;

namespace Parley.Server.Tests.Hosting;

/// <summary>Settings are read once at start-up: no configuration file is watched, because a watch on
/// appsettings.json covers the working directory and every directory below it, and every write there (the history
/// database's, when it lies below) would wake the watcher.</summary>
public sealed class ConfigurationSourcesTests
{
    [Fact]
    public async Task No_configuration_file_is_watched_for_changes()
    {
        var settings = new Dictionary<string, string?> { ["Parley:History:Data"] = ":memory:" };
        await using var host = ParleyServerHost.Create(settings, null, logging => logging.ClearProviders());
        var configuration = (IConfigurationRoot)host.Services.GetRequiredService<IConfiguration>();

        var files = configuration.Providers.OfType<JsonConfigurationProvider>().ToList();
        Assert.Contains(files, file => file.Source.Path == "appsettings.json");
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, file.Source.Path));
    }
}
