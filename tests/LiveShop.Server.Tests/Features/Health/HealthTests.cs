using System.Net;
using System.Text.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LiveShop.Server.Tests.Features.Health;

/// <summary>
/// What nginx or an orchestrator asks an instance (issue 16): live while the process answers, ready while its
/// database answers; ready turns to 503 when the database is gone and back when it returns.
/// </summary>
public sealed class HealthTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task Live_AnswersAnyoneAtOnce_WithoutACookieOrACache()
    {
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await ReadAsync(response)).GetProperty("status").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"), "a probe is not a visitor");
        Assert.True(response.Headers.CacheControl?.NoCache == true || response.Headers.CacheControl?.NoStore == true, "a probe's answer is never cached");
    }

    [Fact]
    public async Task Ready_SaysTheDatabaseAnswers_Then503WhileItIsGone_AndReadyAgainWhenItIsBack()
    {
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };
        var ready = await ReadAsync(await client.GetAsync("/health/ready"));
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("accepting").GetString());

        await using (await DatabaseAwayAsync())
        {
            var gone = await PollAsync(client, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Unhealthy", gone.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", gone.GetProperty("checks").GetProperty("database").GetString());
            Assert.Equal("Healthy", gone.GetProperty("checks").GetProperty("accepting").GetString());
        }

        var back = await PollAsync(client, HttpStatusCode.OK);
        Assert.Equal("Healthy", back.GetProperty("checks").GetProperty("database").GetString());
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Asks /health/ready until it answers <paramref name="status"/> (the database's loss or return is seen by the next query).</summary>
    private static async Task<JsonElement> PollAsync(HttpClient client, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await client.GetAsync("/health/ready");
            if (response.StatusCode == status)
            {
                return await ReadAsync(response);
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health/ready still answers {(int)response.StatusCode}, not {(int)status}");
            await Task.Delay(200);
        }
    }

    /// <summary>Takes the app's database away (the file moved aside; the PostgreSQL database renamed) until disposed.</summary>
    private async Task<IAsyncDisposable> DatabaseAwayAsync() =>
        LiveShopFactory.SuiteDatabase == DatabaseProvider.PostgreSql ? await PostgresAway.TakeAsync(factory.ConnectionString) : SqliteAway.Take(factory.DatabasePath);

    private sealed class SqliteAway(string path) : IAsyncDisposable
    {
        private static readonly string[] Suffixes = ["", "-wal", "-shm"];

        public static SqliteAway Take(string path)
        {
            SqliteConnection.ClearAllPools();
            Move(path, path + ".away");
            return new SqliteAway(path);
        }

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in Suffixes)
            {
                File.Delete(path + suffix); // the empty database a query made meanwhile
            }

            Move(path + ".away", path);
            return ValueTask.CompletedTask;
        }

        private static void Move(string from, string to)
        {
            foreach (var suffix in Suffixes)
            {
                if (File.Exists(from + suffix))
                {
                    File.Move(from + suffix, to + suffix, overwrite: true);
                }
            }
        }
    }

    private sealed class PostgresAway(string server, string database) : IAsyncDisposable
    {
        public static async Task<PostgresAway> TakeAsync(string connectionString)
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            var name = builder.Database!;
            var away = new PostgresAway(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString(), name);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    // The app's pooled sessions go first: a database with sessions cannot be renamed.
                    await away.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'; ALTER DATABASE \"{name}\" RENAME TO \"{name}_away\"");
                    return away;
                }
                catch (PostgresException) when (attempt < 20)
                {
                    await Task.Delay(100); // a background loop reconnected in between
                }
            }
        }

        public async ValueTask DisposeAsync() => await ExecuteAsync($"ALTER DATABASE \"{database}_away\" RENAME TO \"{database}\"");

        private async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
