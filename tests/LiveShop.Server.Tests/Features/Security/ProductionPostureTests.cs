using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Hosting;

namespace LiveShop.Server.Tests.Features.Security;

/// <summary>Behind a TLS proxy the app knows it is on https (HSTS, Secure cookies) — but only when the proxy is one it trusts.</summary>
public sealed class ProductionPostureTests(ProductionPostureTests.BehindProxyFactory factory) : IClassFixture<ProductionPostureTests.BehindProxyFactory>
{
    /// <summary>A public host name: ASP.NET Core never sends HSTS to localhost.</summary>
    private const string PublicHost = "shop.example";

    [Fact]
    public async Task Register_ForwardedHttpsFromLoopbackProxy_HstsAndSecureCookie()
    {
        var response = await factory.NewBrowser().SendAsync(Register(forwardedProto: "https"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"), "No HSTS behind the TLS proxy.");
        var auth = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("liveshop.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Register_PlainHttpNoProxy_NoHstsNoSecureFlag()
    {
        var response = await factory.NewBrowser().SendAsync(Register(forwardedProto: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        var auth = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("liveshop.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Register_ForwardedHttpsFromUnlistedAddress_Ignored()
    {
        await using var strict = new UnlistedProxyFactory();

        var response = await strict.NewBrowser().SendAsync(Register(forwardedProto: "https"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "A header from a proxy that is not configured was believed.");
    }

    [Fact]
    public async Task OpenApi_Production_NotFound()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await factory.NewBrowser().GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_ProductionWithSetting_Served()
    {
        await using var enabled = new OpenApiFactory();

        var response = await enabled.NewBrowser().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ApiRoutes.Shows, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Register(string? forwardedProto)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Register)
        {
            Content = JsonContent.Create(new RegisterRequest($"user-{Guid.NewGuid():N}@liveshop.test", "Passw0rd-test", "Proxy user", false)),
        };
        request.Headers.Host = PublicHost;
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        return request;
    }

    /// <summary>Production, with the default proxy settings: loopback (where the tests connect from) is the trusted proxy.</summary>
    public class BehindProxyFactory : LiveShopFactory
    {
        protected override string Environment => "Production";
    }

    /// <summary>Production with one configured proxy that is not loopback: the tests' requests come from an address it does not list.</summary>
    private sealed class UnlistedProxyFactory : BehindProxyFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ForwardedHeaders:KnownProxies:0", "10.9.8.7");
        }
    }

    private sealed class OpenApiFactory : BehindProxyFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OpenApi:Enabled", "true");
        }
    }
}
