using LiveShop.Client.Services;

namespace LiveShop.Client.Tests.Services;

public class SafeReturnTests
{
    [Theory]
    [InlineData("/\t/example.org")]              // ?returnUrl=%2F%09%2Fexample.org: the browser drops the tab and reads //example.org
    [InlineData("/\n/example.org")]
    [InlineData("/\r\n/example.org")]
    [InlineData("/%09/example.org")]
    [InlineData("/%0A/example.org")]
    [InlineData("/\\example.org")]
    [InlineData("/\\/example.org")]
    [InlineData("/%5Cexample.org")]
    [InlineData("/%5C%5Cexample.org")]
    [InlineData("/%255Cexample.org")]             // encoded twice
    [InlineData("%2F%2Fexample.org")]
    [InlineData("/%2F/example.org")]
    [InlineData("/%2Fexample.org")]
    [InlineData("//example.org")]
    [InlineData("https://example.org")]
    [InlineData("http:example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/ /example.org")]
    [InlineData("")]
    [InlineData(null)]
    public void Path_OffSiteOrAmbiguous_GoesHome(string? returnUrl)
    {
        Assert.Equal("/", SafeReturn.Path(returnUrl));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/shows/abc?x=1")]
    [InlineData("/shows/5e1f0000-0000-4000-8000-000000000001?checkout=1&product=7")]
    [InlineData("/account")]
    [InlineData("/shows/abc#chat")]
    [InlineData("/search?q=tea%20cups")]
    public void Path_PathOnThisSite_Kept(string returnUrl)
    {
        Assert.Equal(returnUrl, SafeReturn.Path(returnUrl));
    }
}
