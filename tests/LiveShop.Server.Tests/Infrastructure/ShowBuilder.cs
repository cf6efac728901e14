using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Shared;
using LiveShop.Shared.Shows;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>Creates shows through the real API, the way a host's browser does.</summary>
public static class ShowBuilder
{
    public static CreateShowRequest Request(string title = "Test show", params Guid[] productIds) => new(
        title,
        "A show made by a test.",
        DateTimeOffset.UtcNow.AddHours(1),
        Currencies.Twd,
        productIds.Length > 0 ? productIds : [DemoSeeder.ProductId(1), DemoSeeder.ProductId(2)],
        "/media/demo.mp4");

    public static async Task<ShowDetailDto> CreateShowAsync(this SignedIn host, string title = "Test show")
    {
        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, Request(title));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!;
    }

    public static async Task<ShowDetailDto> GetShowAsync(this HttpClient http, Guid id) =>
        (await http.GetFromJsonAsync<ShowDetailDto>(ApiRoutes.Show(id)))!;
}

/// <summary>Reads a ProblemDetails body.</summary>
public sealed record Problem(string? Type, string? Title, int Status, string? Detail, string? Code)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<Problem>())!;
    }
}
