namespace LiveShop.Server.Features.Claims;

public static class ClaimsExtensions
{
    /// <summary>"+1" claims in the chat: the host's settings and the lists, and the loop that releases unpaid claims.</summary>
    public static WebApplicationBuilder AddLiveShopClaims(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ChatClaims>();
        builder.Services.AddOptions<ClaimOptions>().BindConfiguration(ClaimOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ClaimExpirer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClaimExpirer>());
        return builder;
    }
}
