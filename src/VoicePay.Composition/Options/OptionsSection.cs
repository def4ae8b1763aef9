using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace VoicePay.Composition.Options;

/// <summary>
/// One configuration section bound to one options class: where it lives (<see cref="Path"/>), how it is bound and
/// what validates it. Every entry point registers and checks sections the same way through this type.
/// </summary>
public abstract class OptionsSection
{
    private protected OptionsSection(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    /// <summary>The section's key, e.g. <c>VoicePay:Pin</c>; a property <c>MaxAttempts</c> is the key <c>VoicePay:Pin:MaxAttempts</c>.</summary>
    public string Path { get; }

    /// <summary>The options class (docs/configuration.md lists each of its settable properties as a key).</summary>
    public abstract Type OptionsType { get; }

    /// <summary>Binds and validates the section now, throwing <see cref="VoicePayConfigurationException"/> naming the key.</summary>
    public abstract void Check(IServiceProvider services);

    public abstract void Register(IServiceCollection services, IConfiguration configuration);
}

/// <param name="path">The section, e.g. <c>VoicePay:Pin</c>.</param>
/// <param name="bind">
/// Binds the section to an instance. Written at the call site as <c>static (section, options) =&gt; section.Bind(options)</c>:
/// there the type is concrete, so the configuration binding source generator replaces the call (no reflection, AOT-safe);
/// a generic <c>Bind&lt;T&gt;</c> inside this class could not be generated.
/// </param>
/// <param name="validators">The <c>[OptionsValidator]</c> data-annotation validator and any rule that spans fields.</param>
public sealed class OptionsSection<T>(string path, Action<IConfiguration, T> bind, params IValidateOptions<T>[] validators) : OptionsSection(path)
    where T : class, new()
{
    public override Type OptionsType => typeof(T);

    /// <summary>
    /// A fresh instance bound from <paramref name="configuration"/>, for choices made while composing (which store,
    /// sandbox on), so validated by the section's own validators first unless <paramref name="validate"/> is false
    /// (the Lambda reads the pepper's parameter name before the pepper exists).
    /// </summary>
    public T Read(IConfiguration configuration, bool validate = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new T();
        try
        {
            bind(configuration.GetSection(Path), options);
        }
        catch (InvalidOperationException ex)
        {
            throw new VoicePayConfigurationException(ex.Message, ex);
        }

        var failures = validate ? validators.Select(v => v.Validate(Microsoft.Extensions.Options.Options.DefaultName, options)).Where(r => r.Failed).SelectMany(r => r.Failures ?? []).ToList() : [];
        return failures.Count == 0 ? options : throw new VoicePayConfigurationException(string.Join(" ", failures.Select(NameKeys)));
    }

    public override void Register(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<T>().Configure(o => bind(configuration.GetSection(Path), o)).ValidateOnStart();
        services.AddClosedOptions<T>(); // compiled ahead of time, not built at run time (see ClosedOptions)
        foreach (var validator in validators)
        {
            // By instance type: the same validator registered twice (a library and a section) runs once.
            services.TryAddEnumerable(ServiceDescriptor.Singleton(validator));
        }

        // One entry per options class, however often a composition runs: ValidateVoicePayOptions checks each.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<OptionsSection>(this));
    }

    public override void Check(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new VoicePayConfigurationException(string.Join(" ", ex.Failures.Select(NameKeys)), ex);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's conversion errors already name the key ("... at 'VoicePay:Pin:MaxAttempts' to type 'System.Int32'").
            throw new VoicePayConfigurationException(ex.Message, ex);
        }
    }

    /// <summary>
    /// Validators name a member as <c>Type.Member</c> (the generated ones use the options name, the type for default options);
    /// people set keys, so <c>PinOptions.MaxAttempts</c> becomes <c>VoicePay:Pin:MaxAttempts</c>.
    /// </summary>
    private string NameKeys(string failure) => failure.Replace(typeof(T).Name + ".", Path + ":", StringComparison.Ordinal);
}
