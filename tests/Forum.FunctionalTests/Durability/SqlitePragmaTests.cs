using Forum.Data;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.FunctionalTests.Durability;

/// <summary>The SQLite settings the crash test relies on, read back from a connection of the app's own context; SQLite only.</summary>
public class SqlitePragmaTests(ForumApp app, SqlitePragmaTests.FullSyncForumApp fullSync) : IClassFixture<ForumApp>, IClassFixture<SqlitePragmaTests.FullSyncForumApp>
{
    public sealed class FullSyncForumApp : ForumApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:SqliteSynchronous", "full");
        }
    }

    [SqliteFact]
    public async Task By_default_the_app_writes_ahead_and_syncs_at_checkpoints()
    {
        var (journal, synchronous) = await PragmasAsync(app);
        journal.Should().Be("wal");
        synchronous.Should().Be(1, "synchronous=NORMAL is 1");
    }

    [SqliteFact]
    public async Task Full_synchronous_is_set_on_every_connection_when_configured()
    {
        var (journal, synchronous) = await PragmasAsync(fullSync);
        journal.Should().Be("wal");
        synchronous.Should().Be(2, "synchronous=FULL is 2");
    }

    private static async Task<(string Journal, long Synchronous)> PragmasAsync(ForumApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var journal = (string)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA synchronous";
            var synchronous = (long)(await command.ExecuteScalarAsync())!;
            return (journal, synchronous);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
