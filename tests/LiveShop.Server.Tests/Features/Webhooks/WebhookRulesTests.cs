using System.Text;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Shared;

namespace LiveShop.Server.Tests.Features.Webhooks;

/// <summary>The rules a receiver and an operator rely on: the signature, the backoff, which URLs are refused.</summary>
public class WebhookRulesTests
{
    [Fact]
    public void Signature_VerifiesOnlyTheSignedBodyWithinTheTolerance()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"1","type":"order.paid","created":1,"data":{}}""");
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var header = WebhookSignature.Sign("whsec_test", now.ToUnixTimeSeconds(), body);

        Assert.Matches("^t=1800000000,v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookSignature.Verify("whsec_test", header, body, now.AddSeconds(299), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_other", header, body, now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_test", header, [.. body, (byte)' '], now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_test", header, body, now.AddMinutes(6), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Backoff_TriplesFromTheBase_CappedWithJitter()
    {
        var options = new WebhookOptions();
        Assert.Equal([10, 30, 90, 270, 810, 2430, 3600, 3600], Enumerable.Range(1, 8).Select(n => WebhookDispatcher.Backoff(n, options, 0.5).TotalSeconds));
        Assert.Equal(8, WebhookDispatcher.Backoff(1, options, 0).TotalSeconds, 3);
        Assert.Equal(12, WebhookDispatcher.Backoff(1, options, 1).TotalSeconds, 3);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/x")]
    [InlineData("https://localhost/x")]
    [InlineData("https://10.1.2.3/x")]
    [InlineData("https://192.168.0.10/x")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/x")]
    [InlineData("https://[fd00::1]/x")]
    [InlineData("http://shop.example.com/x")]
    public void OutsideDevelopment_LoopbackPrivateAndPlainHttp_Refused(string url)
    {
        var refused = Assert.Throws<DomainException>(() => WebhookUrlPolicy.Check(url, allowPrivateNetworks: false));
        Assert.Equal(ProblemCodes.WebhookUrlInvalid, refused.Code);
    }

    [Fact]
    public void Development_AllowsHttpToLoopbackOnly()
    {
        Assert.Equal("http://127.0.0.1:5000/x", WebhookUrlPolicy.Check("http://127.0.0.1:5000/x", allowPrivateNetworks: true).AbsoluteUri);
        Assert.Throws<DomainException>(() => WebhookUrlPolicy.Check("http://10.0.0.2/x", allowPrivateNetworks: true));
        Assert.Equal("https://erp.example.com/in", WebhookUrlPolicy.Check(" https://erp.example.com/in ", allowPrivateNetworks: false).AbsoluteUri);
    }
}
