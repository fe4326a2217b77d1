using System.Collections.Concurrent;
using System.Net;
using Forum.Core.Events;
using Forum.Core.Phases;
using Forum.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Forum.FunctionalTests.Live;

/// <summary>The hub on the app's real Kestrel port, with the .NET SignalR client over WebSockets.</summary>
public class LiveUpdatesTests(ForumApp app) : IClassFixture<ForumApp>
{
    /// <summary>A connected page: every message it receives, by name.</summary>
    private sealed class Page : IAsyncDisposable
    {
        public required HubConnection Connection { get; init; }
        public ConcurrentQueue<(string Name, object Message)> Received { get; } = new();

        public async Task<T> NextAsync<T>(string name, Func<T, bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (DateTime.UtcNow < deadline)
            {
                if (Received.FirstOrDefault(r => r.Name == name && r.Message is T t && match(t)).Message is T found)
                {
                    return found;
                }
                await Task.Delay(20);
            }
            throw new TimeoutException($"No {name} arrived; received: {string.Join(", ", Received.Select(r => r.Name))}");
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    private async Task<Page> OpenPageAsync(string? token = null)
    {
        var url = new Uri(app.CreateClient().BaseAddress!, "/hubs/forum");
        var connection = new HubConnectionBuilder()
            .WithUrl(url, options => options.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        var page = new Page { Connection = connection };
        void Record<T>(string name) => connection.On<T>(name, m => page.Received.Enqueue((name, m!)));
        Record<ContributionMessage>("ContributionPosted");
        Record<ContributionMessage>("ContributionHidden");
        Record<StatisticsMessage>("StatisticsChanged");
        Record<PhaseMessage>("PhaseStateChanged");
        Record<PhaseMessage>("PhaseRescheduled");
        Record<SynthesisMessage>("SynthesisPublished");
        await connection.StartAsync();
        return page;
    }

    // The client's own view of the messages, as a browser script would read them.
    private sealed record ContributionMessage(int PhaseId, long ContributionId, long? ParentId, List<string> Languages);

    private sealed record Combination(List<string> Languages, int Count);

    private sealed record StatisticsMessage(int PhaseId, int Contributions, int Replies, int Contributors, List<Combination> Combinations, Dictionary<string, string> Sentences);

    private sealed record PhaseMessage(int PhaseId, string State, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);

    private sealed record SynthesisMessage(int PhaseId, long SynthesisId, int Number, List<string> Languages);

    [Fact]
    public async Task A_reader_sees_a_French_post_its_counts_a_hide_a_synthesis_and_the_phase_closing_live()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        await using var reader = await OpenPageAsync();
        await reader.Connection.InvokeAsync("WatchPhase", phase);

        var marie = await app.ParticipantAsync("marie");
        var posted = await marie.PostContributionAsync(phase, "fr", "Monnaies locales", "Les monnaies locales relocalisent l'économie.");
        var id = posted["id"]!.GetValue<long>();

        var message = await reader.NextAsync<ContributionMessage>("ContributionPosted", m => m.ContributionId == id);
        message.PhaseId.Should().Be(phase);
        message.Languages.Should().Equal("fr");
        var counts = await reader.NextAsync<StatisticsMessage>("StatisticsChanged", s => s.Contributions == 1);
        counts.Sentences["en"].Should().Be("1 contribution in total: 1 in French only");
        counts.Sentences["es"].Should().Be("1 contribución en total: 1 solo en francés");

        await moderator.PostOkAsync($"/api/contributions/{id}/hide", new { reason = "Testing the live layer." });
        await reader.NextAsync<ContributionMessage>("ContributionHidden", m => m.ContributionId == id);
        await reader.NextAsync<StatisticsMessage>("StatisticsChanged", s => s.Contributions == 0);

        var synthesis = await moderator.PostOkAsync($"/api/phases/{phase}/syntheses",
            new { versions = new[] { new { language = "es", title = "Síntesis", body = "Texto." } } }, HttpStatusCode.Created);
        await moderator.PostOkAsync($"/api/syntheses/{synthesis["id"]!.GetValue<long>()}/publish", new { });
        (await reader.NextAsync<SynthesisMessage>("SynthesisPublished", s => s.PhaseId == phase)).Languages.Should().Equal("es");

        await moderator.PostOkAsync($"/api/phases/{phase}/close", new { reason = "The team closes the phase." });
        // The new phase's own "open" may come first (announced in the background, once): the closing is what is awaited.
        (await reader.NextAsync<PhaseMessage>("PhaseStateChanged", p => p.PhaseId == phase && p.State == "closed")).State.Should().Be("closed");
    }

    [Fact]
    public async Task A_phase_closes_live_at_its_closing_instant()
    {
        var moderator = await app.ModeratorAsync();
        var theme = (await moderator.CreateThemeAsync())["slug"]!.GetValue<string>();
        // The app's clock reads 1 September 2026, 12:00 in Paris; the phase closes half an hour later.
        var phase = (await moderator.CreatePhaseAsync(theme, 1, "2026-08-31T09:00", "2026-09-01T12:30"))["id"]!.GetValue<int>();
        await using var reader = await OpenPageAsync();
        await reader.Connection.InvokeAsync("WatchPhase", phase);
        await WaitUntilAsync(() => app.Events.All.OfType<PhaseStateChanged>().Any(e => e.PhaseId == phase && e.State == PhaseState.Open));

        app.Time.Advance(TimeSpan.FromMinutes(31));

        // The phase's "open" may reach this reader too, announced in the background after it watched.
        var closed = await reader.NextAsync<PhaseMessage>("PhaseStateChanged", p => p.PhaseId == phase && p.State == "closed");
        closed.ClosesAt.Should().Be(new DateTimeOffset(2026, 9, 1, 12, 30, 0, TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task Phases_of_a_draft_theme_are_not_watched_by_readers()
    {
        var moderator = await app.ModeratorAsync();
        var draft = await moderator.PostOkAsync("/api/themes", new
        {
            slug = $"draft-{Guid.NewGuid():N}", position = 9, published = false, originalLanguage = "en",
            texts = new Dictionary<string, object> { ["en"] = new { title = "Draft", description = "Not yet public." } },
        }, HttpStatusCode.Created);
        var phase = (await moderator.CreatePhaseAsync(draft["slug"]!.GetValue<string>(), 1, "2026-08-25T09:00", "2026-09-21T23:59"))["id"]!.GetValue<int>();

        await using var reader = await OpenPageAsync();
        var watch = () => reader.Connection.InvokeAsync("WatchPhase", phase);
        (await watch.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("phase");

        await using var team = await OpenPageAsync(moderator.Token);
        await team.Connection.InvokeAsync("WatchPhase", phase);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(20);
        }
    }
}
