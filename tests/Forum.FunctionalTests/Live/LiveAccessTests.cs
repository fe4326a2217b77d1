using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Forum.FunctionalTests.Live;

/// <summary>
/// A hub connection outlives the request that opened it: these tests change who may read a phase while
/// pages watch it (a moderator demoted, a theme withdrawn) and check what those pages may still do and hear.
/// </summary>
public class LiveAccessTests(ForumApp app) : IClassFixture<ForumApp>
{
    private sealed class Page : IAsyncDisposable
    {
        public required HubConnection Connection { get; init; }
        public ConcurrentQueue<(string Name, int PhaseId)> Received { get; } = new();

        public int Heard(string name, int phaseId) => Received.Count(r => r.Name == name && r.PhaseId == phaseId);

        public async Task HearsAsync(string name, int phaseId, int times = 1)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (Heard(name, phaseId) < times)
            {
                DateTime.UtcNow.Should().BeBefore(deadline, $"{name} of phase {phaseId} should arrive; received: {string.Join(", ", Received)}");
                await Task.Delay(20);
            }
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    private sealed record PhaseMessage(int PhaseId);

    private async Task<Page> OpenPageAsync(string? token = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.CreateClient().BaseAddress!, "/hubs/forum"), options => options.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        var page = new Page { Connection = connection };
        foreach (var name in new[] { "PhaseStateChanged", "PhaseRescheduled", "ContributionPosted" })
        {
            connection.On<PhaseMessage>(name, m => page.Received.Enqueue((name, m.PhaseId)));
        }
        await connection.StartAsync();
        return page;
    }

    private static async Task<(string Slug, Guid Version)> CreateThemeAsync(ForumClient moderator, bool published)
    {
        var theme = await moderator.PostOkAsync("/api/themes", ThemeBody($"live-{Guid.NewGuid():N}", published, null), HttpStatusCode.Created);
        return (theme["slug"]!.GetValue<string>(), theme["version"]!.GetValue<Guid>());
    }

    private static object ThemeBody(string slug, bool published, Guid? version) => new
    {
        slug, position = 5, published, originalLanguage = "en", version,
        texts = new Dictionary<string, object> { ["en"] = new { title = "Live access", description = "Who may follow a phase." } },
    };

    /// <summary>A phase scheduled in October (the app's clock reads 1 September 2026): phase 1 from the 1st, phase 2 from the 11th.</summary>
    private static async Task<int> CreatePhaseAsync(ForumClient moderator, string slug, int number) =>
        (await moderator.CreatePhaseAsync(slug, number, $"2026-10-{number * 10 - 9:00}T09:00", $"2026-10-{number * 10 - 8:00}T18:00"))["id"]!.GetValue<int>();

    /// <summary>Moves the phase's closing: every watcher of the phase hears PhaseRescheduled (or PhaseStateChanged).</summary>
    private static Task ExtendAsync(ForumClient moderator, int phase, string until) =>
        moderator.PostOkAsync($"/api/phases/{phase}/extend", new { until, reason = "Testing who hears it." });

    [Fact]
    public async Task A_demoted_moderators_connection_can_no_longer_watch_an_unpublished_phase_and_stops_hearing_it()
    {
        var admin = await app.AdminAsync();
        var moderator = await app.ModeratorAsync();
        var email = (await moderator.GetJsonAsync("/api/account/me"))["email"]!.GetValue<string>();
        var (slug, _) = await CreateThemeAsync(admin, published: false);
        var first = await CreatePhaseAsync(admin, slug, 1);
        var second = await CreatePhaseAsync(admin, slug, 2);

        await using var demoted = await OpenPageAsync(moderator.Token);
        await using var team = await OpenPageAsync(admin.Token);
        await demoted.Connection.InvokeAsync("WatchPhase", first);
        await team.Connection.InvokeAsync("WatchPhase", first);
        await ExtendAsync(admin, first, "2026-10-03T18:00");
        await demoted.HearsAsync("PhaseRescheduled", first);

        (await admin.PutAsync($"/api/users/{email}/roles", new { roles = new[] { "participant" } })).EnsureSuccessStatusCode();

        // Refused by the hub (or the connection already closed by it): either way no watching any more.
        var watch = () => demoted.Connection.InvokeAsync("WatchPhase", second);
        await watch.Should().ThrowAsync<Exception>();
        var before = demoted.Received.Count;
        await ExtendAsync(admin, first, "2026-10-04T18:00");
        await team.HearsAsync("PhaseRescheduled", first, times: 2);
        await Task.Delay(500);
        demoted.Received.Skip(before).Should().BeEmpty("a participant does not follow a phase of an unpublished theme");
    }

    [Fact]
    public async Task An_anonymous_watcher_stops_hearing_a_phase_once_its_theme_is_withdrawn()
    {
        var moderator = await app.ModeratorAsync();
        var (slug, version) = await CreateThemeAsync(moderator, published: true);
        var phase = (await moderator.CreatePhaseAsync(slug, 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();

        await using var reader = await OpenPageAsync();
        await using var team = await OpenPageAsync(moderator.Token);
        await reader.Connection.InvokeAsync("WatchPhase", phase);
        await team.Connection.InvokeAsync("WatchPhase", phase);
        await ExtendAsync(moderator, phase, "2026-09-22T23:59");
        await reader.HearsAsync("PhaseRescheduled", phase);

        var withdrawn = await moderator.PutAsync($"/api/themes/{slug}", ThemeBody(slug, published: false, version));
        withdrawn.StatusCode.Should().Be(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());

        var before = reader.Received.Count;
        await moderator.PostOkAsync($"/api/phases/{phase}/close", new { reason = "Closed while the theme is withdrawn." });
        await team.HearsAsync("PhaseStateChanged", phase);
        await Task.Delay(500);
        reader.Received.Skip(before).Should().BeEmpty("visitors may not read a phase of a withdrawn theme");
        var again = () => reader.Connection.InvokeAsync("WatchPhase", phase);
        await again.Should().ThrowAsync<Microsoft.AspNetCore.SignalR.HubException>();
    }

    [Fact]
    public async Task A_stamp_changed_by_another_instance_is_seen_by_WatchPhase_and_the_connection_closed()
    {
        var admin = await app.AdminAsync();
        var moderator = await app.ModeratorAsync();
        var id = (await moderator.GetJsonAsync("/api/account/me"))["id"]!.GetValue<string>();
        var (slug, _) = await CreateThemeAsync(admin, published: false);
        var first = await CreatePhaseAsync(admin, slug, 1);
        var second = await CreatePhaseAsync(admin, slug, 2);
        await using var page = await OpenPageAsync(moderator.Token);
        await page.Connection.InvokeAsync("WatchPhase", first);
        var closed = new TaskCompletionSource();
        page.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        // Written straight into the database, as another instance of the forum would: no event reaches this one.
        (await app.Database.ExecuteAsync("""UPDATE "AspNetUsers" SET "SecurityStamp" = 'changed-elsewhere' WHERE "Id" = @id""", ("@id", id))).Should().Be(1);

        var watch = () => page.Connection.InvokeAsync("WatchPhase", second);
        await watch.Should().ThrowAsync<Exception>("the hub reads the account's stamp, not the handshake's principal");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_connection_is_closed_once_its_token_expires_on_the_forums_clock()
    {
        var participant = await app.ParticipantAsync();
        await using var page = await OpenPageAsync(participant.Token);
        var closed = new TaskCompletionSource();
        page.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        // Bearer tokens last an hour; the sweep looks every minute.
        app.Time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(500);
        closed.Task.IsCompleted.Should().BeFalse("the token is still valid");
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
