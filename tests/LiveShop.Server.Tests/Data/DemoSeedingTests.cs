using LiveShop.Server.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace LiveShop.Server.Tests.Data;

/// <summary>The demo accounts (password published in the README) exist in Development only.</summary>
public sealed class DemoSeedingTests
{
    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Development", false, false)]
    [InlineData("Development", true, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", false, false)]
    [InlineData("Staging", null, false)]
    public void ShouldSeedDemo_Environment_OnlyDevelopmentSeeds(string environment, bool? setting, bool expected) =>
        Assert.Equal(expected, DatabaseInitializer.ShouldSeedDemo(setting, new HostingEnvironment { EnvironmentName = environment }));

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void ShouldSeedDemo_TrueOutsideDevelopment_RefusesToStart(string environment)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() =>
            DatabaseInitializer.ShouldSeedDemo(true, new HostingEnvironment { EnvironmentName = environment }));

        Assert.Contains("Database:SeedDemoData", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(environment, refusal.Message, StringComparison.Ordinal);
    }
}
