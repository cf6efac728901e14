using System.Globalization;
using LiveShop.Client.Services;
using LiveShop.Shared.Localization;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.JSInterop;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

builder.Services.AddAuthorizationCore();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAuthenticationStateDeserialization();
// Bodiless and multipart calls carry the antiforgery token the server asks of calls with the sign-in cookie.
builder.Services.AddScoped(_ => new HttpClient(new AntiforgeryHandler(new HttpClientHandler())) { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddLiveShopClient();
builder.Services.AddScoped<IShowReader, HttpShowReader>();

var host = builder.Build();

// The server prerendered the page in the person's language (picker cookie, else Accept-Language) and wrote it into
// <html lang>: start in the same one, so nothing flips when WebAssembly takes over. Setting it before RunAsync makes
// Blazor load that language's resource assemblies.
var js = host.Services.GetRequiredService<IJSRuntime>();
var language = Languages.Match(await js.InvokeAsync<string?>("document.documentElement.getAttribute", "lang"), allowPseudo: true) ?? Languages.Default;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.GetCultureInfo(language);
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo(language);

await host.RunAsync();
