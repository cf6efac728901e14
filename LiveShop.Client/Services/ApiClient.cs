using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Services;

/// <summary>A refusal from the server: its stable code and the sentence to show.</summary>
public sealed class ApiException(HttpStatusCode status, string code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string Code { get; } = code;
}

/// <summary>The REST API as the browser calls it. Every failure becomes an <see cref="ApiException"/> with the server's sentence.</summary>
public sealed class ApiClient(HttpClient http)
{
    public Task<CurrentUserDto> SignInAsync(SignInRequest request) => PostAsync<SignInRequest, CurrentUserDto>(ApiRoutes.SignIn, request);

    public Task<CurrentUserDto> RegisterAsync(RegisterRequest request) => PostAsync<RegisterRequest, CurrentUserDto>(ApiRoutes.Register, request);

    public Task<CurrentUserDto> ContinueAsGuestAsync(GuestRequest request) => PostAsync<GuestRequest, CurrentUserDto>(ApiRoutes.Guest, request);

    public async Task SignOutAsync() => await EnsureAsync(await http.PostAsync(ApiRoutes.SignOut, content: null));

    public Task<ShowDetailDto> CreateShowAsync(CreateShowRequest request) => PostAsync<CreateShowRequest, ShowDetailDto>(ApiRoutes.Shows, request);

    public Task<ShowListDto> ListShowsAsync() => GetAsync<ShowListDto>(ApiRoutes.Shows);

    public Task<ShowDetailDto> GetShowAsync(Guid id) => GetAsync<ShowDetailDto>(ApiRoutes.Show(id));

    public Task<IReadOnlyList<ShowSummaryDto>> MyShowsAsync() => GetAsync<IReadOnlyList<ShowSummaryDto>>(ApiRoutes.MyShows);

    public Task<IReadOnlyList<ProductDto>> ProductsAsync(string? currency) =>
        GetAsync<IReadOnlyList<ProductDto>>(currency is null ? ApiRoutes.Products : $"{ApiRoutes.Products}?currency={Uri.EscapeDataString(currency)}");

    private async Task<T> GetAsync<T>(string url) => await ReadAsync<T>(await http.GetAsync(url));

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string url, TRequest body) =>
        await ReadAsync<TResponse>(await http.PostAsJsonAsync(url, body));

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<T>() ?? throw new ApiException(response.StatusCode, "empty-response", "The server sent an empty answer.");
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var code = "http-" + (int)response.StatusCode;
        var message = $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (problem.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
            {
                code = c.GetString()!;
            }

            if (problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
            {
                message = d.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails body: keep the status line.
        }

        throw new ApiException(response.StatusCode, code, message);
    }
}
