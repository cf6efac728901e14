using System.Net.Http.Headers;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>The show's orders CSV is opened by people in a spreadsheet: its headers are in the caller's language.</summary>
public class OrdersCsvLanguageTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Theory]
    [InlineData("en", "order_number,placed_at_utc,status,buyer,")]
    [InlineData("el", "Αριθμός παραγγελίας,Ημερομηνία παραγγελίας (UTC),Κατάσταση,Αγοραστής,")]
    [InlineData("zh-TW", "訂單編號,下單時間（UTC）,狀態,買家,")]
    [InlineData("zh-CN", "订单编号,下单时间（UTC）,状态,买家,")]
    public async Task OrdersCsv_HeadersAreInTheCallersLanguage(string language, string expectedStart)
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("CSV in " + language);
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.ShowOrdersCsv(show.Id));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        using var response = await host.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');

        Assert.StartsWith(expectedStart, csv.Split("\r\n")[0], StringComparison.Ordinal);
    }
}
