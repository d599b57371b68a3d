using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Squeeze;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="SqueezeOptions"/> with the options system, bound from configuration and validated at start-up.</summary>
public static class SqueezeServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SqueezeOptions"/> bound from <paramref name="configuration"/> (for example the "Squeeze" section), validated when the host starts.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<SqueezeOptions> AddSqueeze(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddSqueeze().Bind(configuration);
    }

    /// <summary>Registers <see cref="SqueezeOptions"/>, validated when the host starts.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes to the default options.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public static OptionsBuilder<SqueezeOptions> AddSqueeze(this IServiceCollection services, Action<SqueezeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<SqueezeOptions> builder = services.AddOptions<SqueezeOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<SqueezeOptions>, SqueezeOptionsValidator>();
        return builder.ValidateOnStart();
    }

    private sealed class SqueezeOptionsValidator : IValidateOptions<SqueezeOptions>
    {
        public ValidateOptionsResult Validate(string? name, SqueezeOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
