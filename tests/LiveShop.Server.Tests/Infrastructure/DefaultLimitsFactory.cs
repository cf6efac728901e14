namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>A test server with the shipped rate limits (every other test server raises them: see <see cref="LiveShopFactory.RaisedLimits"/>).</summary>
public sealed class DefaultLimitsFactory : LiveShopFactory
{
    protected override bool DefaultLimits => true;
}
