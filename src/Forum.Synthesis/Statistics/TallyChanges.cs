using Forum.Core.Contributions;
using Forum.Core.Translation;

namespace Forum.Synthesis.Statistics;

public readonly record struct TallyKey(TallyScope Scope, int ScopeId, string Kind, string Item);

public readonly record struct ContributorKey(TallyScope Scope, int ScopeId, string AuthorId);

/// <summary>The facts about a contribution that statistics depend on.</summary>
public readonly record struct ContributionFacts(
    int PhaseId, bool IsReply, string AuthorId, string OriginalLanguage, string Languages, DateTime CreatedAt, string OutdatedLanguages)
{
    public static ContributionFacts Of(Contribution c) =>
        new(c.PhaseId, c.ParentId is not null, c.AuthorId, c.OriginalLanguage, c.Languages, c.CreatedAt, c.OutdatedLanguages);
}

/// <summary>
/// Signed changes to tallies, gathered before they are written. The same <see cref="Add"/> serves the
/// live path (minus the old footprint, plus the new) and the rebuild (plus every visible contribution),
/// so both can only disagree if the live bookkeeping is wrong — which the tests look for.
/// </summary>
public sealed class TallyChanges(Func<DateTime, DateOnly> dayOf)
{
    private readonly Dictionary<TallyKey, int> _tallies = [];
    private readonly Dictionary<ContributorKey, int> _contributors = [];

    public bool IsEmpty => _tallies.Count == 0 && _contributors.Count == 0;

    /// <summary>Tally changes in a fixed order, so concurrent writers lock rows in the same order.</summary>
    public IEnumerable<KeyValuePair<TallyKey, int>> Tallies =>
        _tallies.Where(t => t.Value != 0)
            .OrderBy(t => t.Key.Scope).ThenBy(t => t.Key.ScopeId).ThenBy(t => t.Key.Kind, StringComparer.Ordinal).ThenBy(t => t.Key.Item, StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<ContributorKey, int>> Contributors =>
        _contributors.Where(c => c.Value != 0)
            .OrderBy(c => c.Key.Scope).ThenBy(c => c.Key.ScopeId).ThenBy(c => c.Key.AuthorId, StringComparer.Ordinal);

    /// <summary>Adds (sign +1) or removes (sign -1) everything one visible contribution counts for, in its phase and its theme.</summary>
    public void Add(ContributionFacts contribution, int themeId, int sign)
    {
        foreach (var (scope, id) in new[] { (TallyScope.Phase, contribution.PhaseId), (TallyScope.Theme, themeId) })
        {
            if (contribution.IsReply)
            {
                Count(new(scope, id, TallyKinds.Replies, ""), sign);
            }
            else
            {
                Count(new(scope, id, TallyKinds.Contributions, ""), sign);
                Count(new(scope, id, TallyKinds.Combination, contribution.Languages), sign);
                Count(new(scope, id, TallyKinds.Original, contribution.OriginalLanguage), sign);
                Count(new(scope, id, TallyKinds.Day, dayOf(contribution.CreatedAt).ToString("yyyy-MM-dd")), sign);
                foreach (var language in contribution.OutdatedLanguages.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    Count(new(scope, id, TallyKinds.Outdated, language), sign);
                }
                if (scope == TallyScope.Phase)
                {
                    Count(new(scope, id, TallyKinds.Desk, LanguagePair.UpdateKey(contribution.Languages, contribution.OutdatedLanguages)), sign);
                }
            }
            var author = new ContributorKey(scope, id, contribution.AuthorId);
            _contributors[author] = _contributors.GetValueOrDefault(author) + sign;
        }
    }

    /// <summary>Marks the phase and its theme as changed, for readers that cache work derived from them.</summary>
    public void Touch(int phaseId, int themeId)
    {
        _tallies[new(TallyScope.Phase, phaseId, TallyKinds.Revision, "")] = 1;
        _tallies[new(TallyScope.Theme, themeId, TallyKinds.Revision, "")] = 1;
    }

    public void Count(TallyKey key, int delta) => _tallies[key] = _tallies.GetValueOrDefault(key) + delta;

    public IEnumerable<int> TouchedPhases =>
        _tallies.Keys.Where(k => k.Scope == TallyScope.Phase && k.Kind == TallyKinds.Revision).Select(k => k.ScopeId).Order();
}
