using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Services;

/// <summary>
/// <c>[PersistentState]</c> values (prerendered on the server, restored in the browser) written and read with
/// <see cref="LiveShopJsonContext"/>. Without one of these, Blazor falls back to reflection-based JSON, which cannot
/// rebuild a record in the trimmed (published) client.
/// </summary>
public static class PersistentStateJson
{
    /// <summary>
    /// Registers a serializer for every type a page persists. A page that adds a <c>[PersistentState]</c> property of
    /// a new type adds a line here (server and client share this registration through <see cref="ClientServiceExtensions"/>).
    /// </summary>
    public static IServiceCollection AddLiveShopPersistentStateJson(this IServiceCollection services)
    {
        var json = LiveShopJsonContext.Default;
        services.Add(json.ShowListDto);
        services.Add(json.ShowDetailDto);
        services.Add(json.IReadOnlyListShowSummaryDto);
        return services;
    }

    private static void Add<T>(this IServiceCollection services, JsonTypeInfo<T> typeInfo) =>
        services.AddSingleton<PersistentComponentStateSerializer<T>>(new Serializer<T>(typeInfo));

    private sealed class Serializer<T>(JsonTypeInfo<T> typeInfo) : PersistentComponentStateSerializer<T>
    {
        public override void Persist(T value, IBufferWriter<byte> writer)
        {
            using var json = new Utf8JsonWriter(writer);
            JsonSerializer.Serialize(json, value, typeInfo);
        }

        public override T Restore(ReadOnlySequence<byte> data)
        {
            var reader = new Utf8JsonReader(data);
            return JsonSerializer.Deserialize(ref reader, typeInfo)!;
        }
    }
}
