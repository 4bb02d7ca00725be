using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Server.Tls;

public static class TlsServiceCollectionExtensions
{
    /// <summary>Binds "Parley:Tls" and, when a certificate is named, the <see cref="CertificateSource"/> the TLS
    /// listeners present (loaded when the first listener is configured, watched until the host stops).</summary>
    public static IServiceCollection AddParleyTls(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TlsOptions>().Bind(configuration.GetSection("Parley:Tls")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var tls = sp.GetRequiredService<IOptions<TlsOptions>>().Value;
            return new CertificateSource(tls.Certificate, tls.Key, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CertificateSource>>());
        });
        return services;
    }
}
