using Hotline.Engine.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hotline.Engine.Hosting;

/// <summary>Registers a <see cref="HotlineEngine"/> in a service collection.</summary>
public static class HotlineServiceCollectionExtensions
{
    /// <summary>
    /// Adds one engine partition as a singleton, started on first use from the options the factory
    /// builds, and stopped (its journal committed and closed) when the service provider is disposed.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddHotlineEngine(_ => new EngineOptions
    /// {
    ///     Profile = PolicyProfile.Resolve("changsha-2020"),
    ///     Catalog = DispatchCatalog.Load("catalog.json"),
    ///     DataDirectory = "/var/lib/hotline",
    /// });
    /// </code>
    /// </example>
    public static IServiceCollection AddHotlineEngine(this IServiceCollection services, Func<IServiceProvider, EngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(provider => HotlineEngine.Start(options(provider)));
        return services;
    }
}
