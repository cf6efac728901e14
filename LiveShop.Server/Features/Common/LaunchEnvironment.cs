namespace LiveShop.Server.Features.Common;

/// <summary>
/// The environment <c>dotnet run</c> uses when nobody chose one: Development, named by the launch profile
/// (Properties/launchSettings.json) in <see cref="Variable"/>, and never in place of an environment the shell chose.
/// </summary>
/// <remarks>
/// A launch profile's <c>ASPNETCORE_ENVIRONMENT</c> overwrites the shell's, so
/// <c>ASPNETCORE_ENVIRONMENT=Production dotnet run</c> ran Development (demo accounts included); and its
/// <c>DOTNET_ENVIRONMENT</c> would win too, since <c>WebApplication.CreateBuilder</c> reads <c>DOTNET_</c> variables
/// after <c>ASPNETCORE_</c> ones (measured on .NET 10). So the profile names a default of its own, used only when
/// neither variable nor an <c>--environment</c> argument is given.
/// </remarks>
public static class LaunchEnvironment
{
    public const string Variable = "LIVESHOP_DEFAULT_ENVIRONMENT";

    /// <summary>The environment to start in, or null to leave the choice to the usual sources.</summary>
    public static string? Resolve(string[] args, Func<string, string?> variable)
    {
        var fallback = variable(Variable);
        if (string.IsNullOrWhiteSpace(fallback)
            || !string.IsNullOrWhiteSpace(variable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrWhiteSpace(variable("DOTNET_ENVIRONMENT"))
            || args.Any(a => a.TrimStart('-', '/').StartsWith("environment", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return fallback;
    }
}
