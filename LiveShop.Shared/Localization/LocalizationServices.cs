using LiveShop.Shared.Localization;
using Microsoft.Extensions.Localization;

namespace Microsoft.Extensions.DependencyInjection;

public static class LiveShopLocalizationServices
{
    /// <summary><see cref="IStringLocalizer{T}"/> from the .resx beside each marker class, marked in the pseudo-language.</summary>
    public static IServiceCollection AddLiveShopLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<IStringLocalizerFactory, MarkedStringLocalizerFactory>();
        return services;
    }
}
