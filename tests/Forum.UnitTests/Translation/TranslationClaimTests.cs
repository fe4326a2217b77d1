using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Text;
using Forum.Core.Translation;
using Forum.Synthesis.Syntheses;

namespace Forum.UnitTests.Translation;

public class TranslationClaimTests
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);

    private static TranslationClaim ClaimedBy(string userId, DateTime at) =>
        TranslationClaim.Take(null, TranslationItemKind.Contribution, 7, "es", userId, null, at, HalfAnHour);

    [Fact]
    public void A_first_claim_holds_the_item_for_the_claim_time()
    {
        var claim = ClaimedBy("ana", Now);

        claim.UserId.Should().Be("ana");
        claim.ExpiresAt.Should().Be(Now + HalfAnHour);
        claim.IsHeldBy("ana", Now.AddMinutes(29)).Should().BeTrue();
    }

    [Fact]
    public void Someone_elses_live_claim_is_refused_naming_its_holder()
    {
        var held = ClaimedBy("ana", Now);

        var refused = () => TranslationClaim.Take(held, held.Kind, held.ItemId, held.Language, "ben", "Ana", Now.AddMinutes(10), HalfAnHour);

        var error = refused.Should().Throw<ForumException>().Which;
        error.Kind.Should().Be(FailureKind.Conflict);
        error.Rule.Should().Be("translation.claimed");
        error.Arguments["name"].Should().Be("Ana");
        error.Message.Should().Contain("Ana").And.Contain("20 more minutes", "the message counts what is left, in no time zone");
        error.Arguments["minutes"].Should().Be(20);
        error.Arguments["until"].Should().Be(Now + HalfAnHour, "pages show it in the forum's zone");
        held.UserId.Should().Be("ana", "a refused claim changes nothing");
    }

    [Fact]
    public void A_claim_lapses_after_its_time_and_another_volunteer_takes_it_over()
    {
        var held = ClaimedBy("ana", Now);
        var later = Now + HalfAnHour;

        held.IsLiveAt(later).Should().BeFalse("the claim time is over at its end");
        var taken = TranslationClaim.Take(held, held.Kind, held.ItemId, held.Language, "ben", "Ana", later, HalfAnHour);

        taken.Should().BeSameAs(held, "one row per item and language: a lapsed claim is taken over in place");
        taken.UserId.Should().Be("ben");
        taken.ClaimedAt.Should().Be(later);
        taken.ExpiresAt.Should().Be(later + HalfAnHour);
    }

    [Fact]
    public void The_same_person_claiming_again_renews_their_claim()
    {
        var held = ClaimedBy("ana", Now);
        var token = held.ConcurrencyToken;

        var renewed = TranslationClaim.Take(held, held.Kind, held.ItemId, held.Language, "ana", "Ana", Now.AddMinutes(20), HalfAnHour);

        renewed.ClaimedAt.Should().Be(Now, "it is the same claim, kept longer");
        renewed.ExpiresAt.Should().Be(Now.AddMinutes(50));
        renewed.ConcurrencyToken.Should().NotBe(token);
    }

    [Fact]
    public void Only_the_holder_releases_a_live_claim()
    {
        var held = ClaimedBy("ana", Now);

        var byOther = () => held.EnsureReleasableBy("ben", Now.AddMinutes(1));
        byOther.Should().Throw<ForumException>().Which.Rule.Should().Be("translation.claim-not-yours");
        held.Invoking(h => h.EnsureReleasableBy("ana", Now.AddMinutes(1))).Should().NotThrow();
        var lapsed = () => held.EnsureReleasableBy("ana", Now + HalfAnHour);
        lapsed.Should().Throw<ForumException>().Which.Kind.Should().Be(FailureKind.NotFound);
    }

    [Fact]
    public void Writing_is_refused_only_under_someone_elses_live_claim()
    {
        var held = ClaimedBy("ana", Now);

        var underAnas = () => TranslationClaim.EnsureNotClaimedByOther(held, "ben", "Ana", Now.AddMinutes(5));
        underAnas.Should().Throw<ForumException>().Which.Rule.Should().Be("translation.claimed");
        TranslationClaim.EnsureNotClaimedByOther(held, "ana", "Ana", Now.AddMinutes(5));
        TranslationClaim.EnsureNotClaimedByOther(held, "ben", "Ana", Now + HalfAnHour);
        TranslationClaim.EnsureNotClaimedByOther(null, "ben", null, Now);
    }
}

public class LanguagePairTests
{
    private static readonly string[] Forum = ["en", "fr", "es"];

    [Fact]
    public void A_persons_languages_make_the_pairs_between_them_and_none_chosen_makes_every_pair()
    {
        LanguagePair.Of(["es", "fr"], Forum).Should().Equal(new LanguagePair("fr", "es"), new LanguagePair("es", "fr"));
        LanguagePair.Of([], Forum).Should().HaveCount(6);
        LanguagePair.Of(["es"], Forum).Should().HaveCount(6, "one language makes no pair: every pair is offered");
    }

    [Fact]
    public void The_combinations_a_pair_needs_hold_its_first_language_and_lack_its_second()
    {
        LanguagePair.CombinationsNeeding([new LanguagePair("fr", "es")], Forum)
            .Should().BeEquivalentTo(["fr", "en,fr"]);
    }

    [Fact]
    public void A_pair_needs_an_update_when_its_second_is_stale_and_its_first_is_not()
    {
        var pair = new LanguagePair("fr", "es");

        pair.NeedsUpdate(["fr", "es"], ["es"]).Should().BeTrue();
        pair.NeedsUpdate(["fr", "es"], []).Should().BeFalse("up to date");
        pair.NeedsUpdate(["fr", "es"], ["fr", "es"]).Should().BeFalse("a stale text is no source to update from");
        pair.NeedsWork(["fr"], []).Should().BeTrue("missing");
        LanguagePair.UpdateKeysNeeding([pair], Forum).Should().BeEquivalentTo(["es,fr|es", "en,es,fr|es", "en,es,fr|en,es"]);
    }

    [Fact]
    public void A_pair_is_read_from_its_text_only_between_two_different_forum_languages()
    {
        LanguagePair.Parse("fr-es", Forum).Should().Be(new LanguagePair("fr", "es"));
        LanguagePair.Parse("fr-fr", Forum).Should().BeNull();
        LanguagePair.Parse("fr-de", Forum).Should().BeNull();
        LanguagePair.Parse("fr", Forum).Should().BeNull();
    }
}

public class SynthesisTranslationTests
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly VersionText Texts = new(new ForumLanguages(["en", "fr", "es"]), new ForumOptions(), new MarkdownRenderer());

    private static ContributionVersion Text(string language) => Texts.Create(language, "Titre", "Un texte.", titleRequired: true, "someone", Now);

    private static PhaseSynthesis FrenchOnly() => PhaseSynthesis.Start(1, 1, "moderator", [Text("fr")], Now);

    [Fact]
    public void A_reader_adds_a_language_a_published_synthesis_lacks()
    {
        var synthesis = FrenchOnly();
        synthesis.Publish("moderator", Now);

        synthesis.Translate(Text("es"), "volunteer", Now.AddHours(1));

        synthesis.Languages.Should().Equal("es", "fr");
        synthesis.Versions.Single(v => v.Language == "es").UpdatedById.Should().Be("volunteer");
        synthesis.Revisions.Should().Contain(r => r.Language == "es" && r.EditedById == "volunteer");
    }

    [Fact]
    public void A_draft_synthesis_is_not_translated_by_readers()
    {
        var synthesis = FrenchOnly();

        synthesis.Invoking(s => s.Translate(Text("es"), "volunteer", Now))
            .Should().Throw<ForumException>().Which.Rule.Should().Be("synthesis.not-published");
        synthesis.Languages.Should().Equal("fr");
    }

    [Fact]
    public void A_reader_updates_a_published_synthesiss_stale_text_but_not_one_that_is_up_to_date()
    {
        var synthesis = PhaseSynthesis.Start(1, 1, "moderator", [Text("fr"), Text("es")], Now);
        synthesis.Publish("moderator", Now);
        synthesis.Invoking(s => s.EnsureTranslationWork("es")).Should().Throw<ForumException>().Which.Rule.Should().Be("synthesis.language-taken");
        synthesis.Write(Texts.Create("fr", "Titre", "Un texte revu.", titleRequired: true, "moderator", Now.AddHours(1)), "moderator", Now.AddHours(1));

        synthesis.EnsureTranslationWork("es");
        synthesis.UpdateTranslation(Texts.Create("es", "Título", "Un texto revisado.", titleRequired: true, "volunteer", Now.AddHours(2)), "volunteer", Now.AddHours(2));

        var spanish = synthesis.Versions.Single(v => v.Language == "es");
        (spanish.OutdatedSince, spanish.UpdatedById).Should().Be(((DateTime?)null, "volunteer"));
        synthesis.Versions.Single(v => v.Language == "fr").OutdatedSince.Should().BeNull("catching up marks no other text");
        synthesis.Invoking(s => s.UpdateTranslation(Text("es"), "volunteer", Now.AddHours(3)))
            .Should().Throw<ForumException>().Which.Rule.Should().Be("translation.not-outdated");
    }

    [Fact]
    public void A_language_a_synthesis_has_is_not_rewritten_by_readers()
    {
        var synthesis = FrenchOnly();
        synthesis.Publish("moderator", Now);

        synthesis.Invoking(s => s.Translate(Text("fr"), "volunteer", Now))
            .Should().Throw<ForumException>().Which.Rule.Should().Be("synthesis.language-taken");
        synthesis.Versions.Single().UpdatedById.Should().Be("moderator");
    }
}
