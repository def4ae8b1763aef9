using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VoicePay.Composition.Options;

/// <summary>
/// <see cref="IOptions{TOptions}"/>, <see cref="IOptionsMonitor{TOptions}"/> and their factory and cache for one options type as
/// closed registrations, with the library's semantics (configure, post-configure, validate; the value made on first use and
/// kept). Through the library's open-generic defaults, the dependency injection container makes those generic types with
/// <c>MakeGenericType</c>, and a Native AOT process then builds each with its type loader: that was the largest part of the
/// Lambda's start-up CPU (bench/README.md). Registered here, from code that names the type, they are compiled ahead of time.
/// </summary>
public static class ClosedOptions
{
    public static IServiceCollection AddClosedOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(this IServiceCollection services)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddTransient<IOptionsFactory<T>>(provider => new OptionsFactory<T>(
            provider.GetServices<IConfigureOptions<T>>(), provider.GetServices<IPostConfigureOptions<T>>(), provider.GetServices<IValidateOptions<T>>()));
        services.TryAddSingleton<IOptions<T>>(provider => new FactoryOptions<T>(provider.GetRequiredService<IOptionsFactory<T>>()));
        services.TryAddSingleton<IOptionsMonitorCache<T>>(_ => new OptionsCache<T>());
        services.TryAddSingleton<IOptionsMonitor<T>>(provider => new OptionsMonitor<T>(
            provider.GetRequiredService<IOptionsFactory<T>>(), provider.GetServices<IOptionsChangeTokenSource<T>>(), provider.GetRequiredService<IOptionsMonitorCache<T>>()));
        return services;
    }

    /// <summary>The default-named options, made on first use and kept; a failure is not kept (the next use tries again), as in the library.</summary>
    private sealed class FactoryOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(IOptionsFactory<T> factory) : IOptions<T>
        where T : class
    {
        private readonly Lock gate = new();
        private volatile T? value;

        public T Value
        {
            get
            {
                if (value is { } made)
                {
                    return made;
                }

                lock (gate)
                {
                    return value ??= factory.Create(Microsoft.Extensions.Options.Options.DefaultName);
                }
            }
        }
    }
}
