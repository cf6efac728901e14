using System.Net;
using System.Net.Http.Json;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;

namespace LiveShop.Client.Tests.Services;

/// <summary>
/// The server refuses bodiless and multipart calls made with the sign-in cookie unless they carry the antiforgery
/// token: the app's HTTP client must add it, or sign-out, go-live and uploads would all answer 403.
/// </summary>
public sealed class AntiforgeryHandlerTests
{
    [Fact]
    public async Task SignOut_Bodiless_CarriesAFreshToken()
    {
        var server = new Recorder();
        var api = new ApiClient(new HttpClient(new AntiforgeryHandler(server)) { BaseAddress = new Uri("http://localhost/") });

        await api.SignOutAsync();
        await api.SignOutAsync();

        var signOuts = server.Sent.Where(s => s.Path == ApiRoutes.SignOut).ToList();
        Assert.Equal(["token-1", "token-2"], signOuts.Select(s => s.Token));
    }

    [Fact]
    public async Task Upload_Multipart_CarriesTheToken()
    {
        var server = new Recorder();
        using var http = new HttpClient(new AntiforgeryHandler(server)) { BaseAddress = new Uri("http://localhost/") };
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "photo.jpg" } };

        await http.PostAsync("/api/shops/1/products/2/photos", form);

        Assert.Equal("token-1", server.Sent.Single(s => s.Path.EndsWith("/photos", StringComparison.Ordinal)).Token);
    }

    [Fact]
    public async Task SignIn_Json_AsksNoToken()
    {
        var server = new Recorder();
        var api = new ApiClient(new HttpClient(new AntiforgeryHandler(server)) { BaseAddress = new Uri("http://localhost/") });

        await Assert.ThrowsAnyAsync<Exception>(() => api.SignInAsync(new SignInRequest("a@b.test", "x", false)));

        Assert.DoesNotContain(server.Sent, s => s.Path == ApiRoutes.Antiforgery);
        Assert.Null(server.Sent.Single(s => s.Path == ApiRoutes.SignIn).Token);
    }

    private sealed class Recorder : HttpMessageHandler
    {
        private int _issued;

        public List<(string Path, string? Token)> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = request.Headers.TryGetValues(ApiRoutes.AntiforgeryHeader, out var values) ? values.Single() : null;
            Sent.Add((request.RequestUri!.AbsolutePath, token));
            if (request.RequestUri.AbsolutePath == ApiRoutes.Antiforgery)
            {
                var issued = new AntiforgeryTokenDto($"token-{++_issued}", ApiRoutes.AntiforgeryHeader);
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(issued) });
            }

            return Task.FromResult(new HttpResponseMessage(request.RequestUri.AbsolutePath == ApiRoutes.SignIn ? HttpStatusCode.BadRequest : HttpStatusCode.NoContent));
        }
    }
}
