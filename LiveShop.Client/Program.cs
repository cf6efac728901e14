using LiveShop.Client.Services;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

builder.Services.AddAuthorizationCore();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAuthenticationStateDeserialization();
// Bodiless and multipart calls carry the antiforgery token the server asks of calls with the sign-in cookie.
builder.Services.AddScoped(_ => new HttpClient(new AntiforgeryHandler(new HttpClientHandler())) { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddLiveShopClient();
builder.Services.AddScoped<IShowReader, HttpShowReader>();

await builder.Build().RunAsync();
