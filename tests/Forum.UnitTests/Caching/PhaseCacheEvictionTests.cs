using Forum.Core.Events;
using Forum.Synthesis.Statistics;
using Forum.Web.Caching;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forum.UnitTests.Caching;

public class PhaseCacheEvictionTests
{
    private sealed class EvictedTags : IOutputCacheStore
    {
        public List<string> Tags { get; } = [];

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            Tags.Add(tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_post_evicts_its_phase_once_though_it_also_changed_the_counts()
    {
        var cache = new EvictedTags();
        var publisher = new ForumEventPublisher([new PhaseCacheEviction(cache)], NullLogger<ForumEventPublisher>.Instance);

        await publisher.PublishAsync([new StatisticsChanged(7), new ContributionPosted(7, 70, null, "fr", ["fr"])]);

        cache.Tags.Should().Equal(ContributionListCache.PhaseTag(7));
    }

    [Fact]
    public async Task A_theme_changed_or_an_author_renamed_evicts_every_list()
    {
        var cache = new EvictedTags();
        var eviction = new PhaseCacheEviction(cache);

        await eviction.HandleAsync(new ThemeChanged(3), CancellationToken.None);
        await eviction.HandleAsync(new AuthorRenamed("someone"), CancellationToken.None);

        cache.Tags.Should().Equal(ContributionListCache.AllListsTag, ContributionListCache.AllListsTag);
    }
}
