using Forum.Core.Contributions;
using Forum.Core.Events;
using Forum.Core.Time;
using Forum.Data;
using Forum.FunctionalTests.Infrastructure;
using Forum.FunctionalTests.Privacy;
using Forum.Synthesis.Statistics;
using Forum.Synthesis.Syntheses;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.FunctionalTests.Events;

/// <summary>The forum with one more listener, which the tests tell what to do when an event leaves.</summary>
public sealed class ListenedForumApp : ForumApp
{
    public Listener Listener { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IForumEventHandler>(Listener));
    }
}

/// <summary>Runs inline when an event leaves, after the app's own handlers, like any handler.</summary>
public sealed class Listener : IForumEventHandler
{
    public Func<ForumEvent, Task>? OnEvent { get; set; }

    public async ValueTask HandleAsync(ForumEvent forumEvent, CancellationToken cancellation)
    {
        if (OnEvent is { } onEvent)
        {
            await onEvent(forumEvent);
        }
    }
}

/// <summary>Events leave once, after the outermost transaction commits, and never when it rolls back (docs/decisions/0009).</summary>
public class EventsAfterCommitTests(ListenedForumApp app) : IClassFixture<ListenedForumApp>
{
    private sealed record StatisticsMessage(int PhaseId, int Contributions, int Replies);

    [Fact]
    public async Task A_reader_listening_live_receives_counts_that_include_a_reply_just_posted()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var marie = await app.ParticipantAsync("marie");
        var parent = (await marie.PostContributionAsync(phase, "fr", "Monnaies locales", "Les monnaies locales relocalisent l'économie."))["id"]!.GetValue<long>();

        var received = new System.Collections.Concurrent.ConcurrentQueue<StatisticsMessage>();
        await using var reader = new HubConnectionBuilder().WithUrl(new Uri(app.CreateClient().BaseAddress!, "/hubs/forum")).Build();
        reader.On<StatisticsMessage>("StatisticsChanged", m => received.Enqueue(m));
        await reader.StartAsync();
        await reader.InvokeAsync("WatchPhase", phase);
        // A slow listener holds the event for a while: were it out before the commit, the counts would be read before it too.
        app.Listener.OnEvent = e => e is StatisticsChanged s && s.PhaseId == phase ? Task.Delay(TimeSpan.FromSeconds(1)) : Task.CompletedTask;
        try
        {
            await moderator.PostOkAsync($"/api/contributions/{parent}/replies", new { language = "en", body = "Which ones work?" }, System.Net.HttpStatusCode.Created);
            var first = await WaitForAsync(() => received.FirstOrDefault(m => m.PhaseId == phase));
            first.Contributions.Should().Be(1);
            first.Replies.Should().Be(1);
        }
        finally
        {
            app.Listener.OnEvent = null;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_change_whose_outer_transaction_does_not_commit_announces_nothing(bool rolledBack)
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Contributions.Add(await NewContributionAsync(scope.ServiceProvider, phase));
            await db.SaveChangesAsync();
            if (rolledBack)
            {
                await transaction.RollbackAsync();
            }
            // Otherwise the change fails after the save: the transaction is disposed without a commit.
        }
        AnnouncedAbout(phase).Should().BeEmpty();

        // The same context saves again without a transaction: only what this save stored is announced.
        db.ChangeTracker.Clear();
        var next = await NewContributionAsync(scope.ServiceProvider, phase);
        db.Contributions.Add(next);
        await db.SaveChangesAsync();
        AnnouncedAbout(phase).Should().Equal(new StatisticsChanged(phase), $"posted {next.Id}");
    }

    [Fact]
    public async Task A_change_in_an_outer_transaction_is_announced_once_when_it_commits_and_not_before()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var contribution = await NewContributionAsync(scope.ServiceProvider, phase);
        db.Contributions.Add(contribution);
        await db.SaveChangesAsync();
        contribution.Translate(Core.Phases.PhaseState.Open,
            scope.ServiceProvider.GetRequiredService<VersionText>().Create("fr", "Titre", "Texte.", titleRequired: true, contribution.AuthorId, DateTime.UtcNow));
        await db.SaveChangesAsync();
        AnnouncedAbout(phase).Should().BeEmpty("nothing is committed yet");

        await transaction.CommitAsync();

        // The two saves' statistics are one event: listeners read the counts once.
        AnnouncedAbout(phase).Should().Equal(new StatisticsChanged(phase), $"posted {contribution.Id}", $"translated {contribution.Id}");
    }

    [Fact]
    public async Task An_account_deletion_is_announced_after_its_commit()
    {
        var (client, _) = await app.RegisteredAsync("leaving");
        var userId = (await client.GetJsonAsync("/api/account/me"))["id"]!.GetValue<string>();
        DateTime? deletedWhenAnnounced = null;
        var announced = 0;
        app.Listener.OnEvent = async e =>
        {
            if (e is AccountSecurityChanged changed && changed.UserId == userId)
            {
                announced++;
                // Another connection sees only what is committed.
                deletedWhenAnnounced = (await app.UserAsync(userId)).DeletedAt;
            }
        };
        try
        {
            (await client.DeleteAccountAsync(PrivacyHelpers.Password)).EnsureSuccessStatusCode();
        }
        finally
        {
            app.Listener.OnEvent = null;
        }
        announced.Should().Be(1);
        deletedWhenAnnounced.Should().NotBeNull("the deletion was committed before anyone heard of it");
    }

    [Fact]
    public async Task A_synthesis_published_in_an_outer_transaction_that_rolls_back_is_not_announced()
    {
        var phase = await (await app.ModeratorAsync()).CreateOpenPhaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ForumDbContext>();
        var syntheses = scope.ServiceProvider.GetRequiredService<SynthesisService>();
        var adminId = await AdminIdAsync(db);
        await using (await db.Database.BeginTransactionAsync())
        {
            var draft = await syntheses.CreateAsync(phase, [new SynthesisText("en", "Synthesis", "What was said.")], adminId);
            await syntheses.PublishAsync(draft.Id, null, adminId);
        }
        app.Events.All.OfType<SynthesisPublished>().Where(e => e.PhaseId == phase).Should().BeEmpty();

        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var draft = await syntheses.CreateAsync(phase, [new SynthesisText("en", "Synthesis", "What was said.")], adminId);
            await syntheses.PublishAsync(draft.Id, null, adminId);
            await transaction.CommitAsync();
        }
        app.Events.All.OfType<SynthesisPublished>().Where(e => e.PhaseId == phase).Should().ContainSingle();
    }

    /// <summary>What was announced about the phase's contributions and statistics, in order.</summary>
    private List<object> AnnouncedAbout(int phase) => app.Events.All.Select(e => e switch
        {
            StatisticsChanged s when s.PhaseId == phase => s,
            ContributionPosted p when p.PhaseId == phase => $"posted {p.ContributionId}",
            ContributionTranslated t when t.PhaseId == phase => $"translated {t.ContributionId}",
            _ => (object?)null,
        }).OfType<object>().ToList();

    private static Task<string> AdminIdAsync(ForumDbContext db) =>
        db.Users.Where(u => u.Email == ForumApp.AdminEmail).Select(u => u.Id).SingleAsync();

    private static async Task<Contribution> NewContributionAsync(IServiceProvider services, int phaseId)
    {
        var db = services.GetRequiredService<ForumDbContext>();
        var now = services.GetRequiredService<ForumClock>().UtcNow;
        var phase = await db.Phases.AsNoTracking().SingleAsync(p => p.Id == phaseId);
        var authorId = await AdminIdAsync(db);
        var original = services.GetRequiredService<VersionText>().Create("en", "Local money", "Local money keeps trade nearby.", titleRequired: true, authorId, now);
        return Contribution.Start(phaseId, phase.StateAt(now), authorId, original, now);
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (read() is { } found)
            {
                return found;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("Nothing arrived.");
    }
}
