using LiveShop.Server.Features.Common;

namespace LiveShop.Server.Tests.Features.Common;

/// <summary><c>dotnet run</c> starts in Development, unless the shell (or the command line) chose an environment.</summary>
public sealed class LaunchEnvironmentTests
{
    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_LaunchProfileOnly_Development() =>
        Assert.Equal("Development", LaunchEnvironment.Resolve([], Variables((LaunchEnvironment.Variable, "Development"))));

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_ENVIRONMENT")]
    public void Resolve_ShellChoseAnEnvironment_LeftToTheShell(string variable) =>
        Assert.Null(LaunchEnvironment.Resolve([], Variables((LaunchEnvironment.Variable, "Development"), (variable, "Production"))));

    [Theory]
    [InlineData("--environment", "Production")]
    [InlineData("--environment=Production")]
    public void Resolve_EnvironmentArgument_LeftToTheCommandLine(params string[] args) =>
        Assert.Null(LaunchEnvironment.Resolve(args, Variables((LaunchEnvironment.Variable, "Development"))));

    [Fact]
    public void Resolve_NoLaunchProfile_LeftToTheDefaults() =>
        Assert.Null(LaunchEnvironment.Resolve([], Variables()));
}
