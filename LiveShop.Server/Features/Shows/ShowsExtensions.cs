namespace LiveShop.Server.Features.Shows;

public static class ShowsExtensions
{
    public static WebApplicationBuilder AddLiveShopShows(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ShowQueries>();
        builder.Services.AddScoped<Catalog.CatalogQueries>();
        builder.Services.AddScoped<Catalog.ShopCatalog>();
        builder.Services.AddScoped<Catalog.ImportCatalogCsv>();
        builder.Services.AddScoped<Catalog.ExportCatalogCsv>();
        builder.Services.AddScoped<ShowFormValidator>();
        builder.Services.AddScoped<CreateShow>();
        builder.Services.AddScoped<EditShow>();
        builder.Services.AddScoped<ChangeShowStatus>();
        return builder;
    }
}
