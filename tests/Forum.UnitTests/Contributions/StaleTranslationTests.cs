using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Text;

namespace Forum.UnitTests.Contributions;

public class StaleTranslationTests
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    private static readonly VersionText Texts = new(new ForumLanguages(["en", "fr", "es"]), new ForumOptions(), new MarkdownRenderer());

    private static ContributionVersion Text(string language, string body, string by, DateTime at) =>
        Texts.Create(language, "Un titre", body, titleRequired: true, by, at);

    /// <summary>A French original by "author", translated into English by "translator" at <see cref="Now"/>.</summary>
    private static Contribution Translated()
    {
        var contribution = Contribution.Start(1, PhaseState.Open, "author", Text("fr", "Texte d'origine.", "author", Now), Now);
        contribution.Translate(PhaseState.Open, Text("en", "Original text.", "translator", Now));
        return contribution;
    }

    private static ContributionVersion In(Contribution c, string language) => c.Versions.Single(v => v.Language == language);

    [Fact]
    public void Editing_the_original_marks_the_translations_written_before_it_and_keeps_the_first_instant()
    {
        var contribution = Translated();
        In(contribution, "en").OutdatedSince.Should().BeNull();

        contribution.Edit(Text("fr", "Texte corrigé.", "author", Now.AddMinutes(5)), "author", Window, Now.AddMinutes(5));
        In(contribution, "en").OutdatedSince.Should().Be(Now.AddMinutes(5));
        In(contribution, "fr").OutdatedSince.Should().BeNull("the original is never out of date with itself");
        contribution.OutdatedLanguages.Should().Be("en");

        // A translation written after the edit was made from the new text.
        contribution.Translate(PhaseState.Open, Text("es", "Texto corregido.", "other", Now.AddMinutes(6)));
        In(contribution, "es").OutdatedSince.Should().BeNull();

        contribution.Edit(Text("fr", "Texte corrigé deux fois.", "author", Now.AddMinutes(8)), "author", Window, Now.AddMinutes(8));
        In(contribution, "en").OutdatedSince.Should().Be(Now.AddMinutes(5), "it has been behind since the first change");
        In(contribution, "es").OutdatedSince.Should().Be(Now.AddMinutes(8));
        contribution.OutdatedLanguages.Should().Be("en,es");
    }

    [Fact]
    public void The_desk_takes_work_on_a_missing_or_stale_language_only_and_an_update_keeps_whether_a_machine_helped()
    {
        var contribution = Translated();
        contribution.EnsureTranslationWork(PhaseState.Open, "es");
        contribution.Invoking(c => c.EnsureTranslationWork(PhaseState.Open, "en")).Should().Throw<ForumException>().Which.Rule.Should().Be("version.language-taken");
        contribution.Invoking(c => c.EnsureTranslationWork(PhaseState.Open, "fr")).Should().Throw<ForumException>().Which.Rule.Should().Be("version.language-taken");

        contribution.Edit(Text("fr", "Texte corrigé.", "author", Now.AddMinutes(5)), "author", Window, Now.AddMinutes(5));
        contribution.EnsureTranslationWork(PhaseState.Closed, "en");
        contribution.IsOutdated("en").Should().BeTrue();
        var update = Text("en", "Corrected text.", "volunteer", Now.AddMinutes(50));
        update.MachineAssisted = true;
        contribution.UpdateTranslation(update, "volunteer", Now.AddMinutes(50));

        In(contribution, "en").MachineAssisted.Should().BeTrue();
        contribution.Invoking(c => c.EnsureTranslationWork(PhaseState.Open, "en")).Should().Throw<ForumException>().Which.Rule.Should().Be("version.language-taken");
    }

    [Fact]
    public void The_original_sent_unchanged_marks_nothing()
    {
        var contribution = Translated();
        contribution.Edit(Text("fr", "Texte d'origine.", "author", Now.AddMinutes(5)), "author", Window, Now.AddMinutes(5)).Should().BeNull();
        In(contribution, "en").OutdatedSince.Should().BeNull();
        contribution.OutdatedLanguages.Should().BeEmpty();
    }

    [Fact]
    public void Editing_a_translation_marks_no_other_and_clears_its_own_mark()
    {
        var contribution = Translated();
        contribution.Translate(PhaseState.Open, Text("es", "Texto.", "translator", Now));
        contribution.Edit(Text("en", "Better text.", "translator", Now.AddMinutes(2)), "translator", Window, Now.AddMinutes(2));
        contribution.Versions.Should().OnlyContain(v => v.OutdatedSince == null);

        contribution.Edit(Text("fr", "Texte corrigé.", "author", Now.AddMinutes(5)), "author", Window, Now.AddMinutes(5));
        contribution.Edit(Text("en", "Corrected text.", "translator", Now.AddMinutes(6)), "translator", Window, Now.AddMinutes(6));

        In(contribution, "en").OutdatedSince.Should().BeNull();
        In(contribution, "es").OutdatedSince.Should().Be(Now.AddMinutes(5));
        contribution.OutdatedLanguages.Should().Be("es");
    }

    [Fact]
    public void Anyone_updates_a_stale_translation_outside_any_window_and_becomes_its_translator()
    {
        var contribution = Translated();
        contribution.Edit(Text("fr", "Texte corrigé.", "author", Now.AddMinutes(5)), "author", Window, Now.AddMinutes(5));
        var later = Now.AddDays(3);
        var token = contribution.ConcurrencyToken;

        var replaced = contribution.UpdateTranslation(Text("en", "Corrected text.", "volunteer", later), "volunteer", later)!;

        (replaced.Body, replaced.WrittenById, replaced.WrittenAt, replaced.ReplacedAt).Should().Be(("Original text.", "translator", Now, later));
        var english = In(contribution, "en");
        (english.Body, english.AuthorId, english.OutdatedSince, english.EditedAt, english.CreatedAt).Should().Be(("Corrected text.", "volunteer", null, later, Now));
        contribution.OutdatedLanguages.Should().BeEmpty();
        contribution.ConcurrencyToken.Should().NotBe(token);
        // The updater's own edit window counts from the update; the first translator's text is no longer theirs to edit.
        contribution.EditableUntil("en", "volunteer", Window, later.AddMinutes(10)).Should().Be(later + Window);
        contribution.EditableUntil("en", "translator", Window, later).Should().BeNull();
    }

    [Fact]
    public void The_same_text_sent_as_an_update_confirms_the_translation_without_changing_its_translator()
    {
        var contribution = Translated();
        contribution.Edit(Text("fr", "Texte corrigé.", "author", Now.AddMinutes(5)), "author", Window, Now.AddMinutes(5));

        contribution.UpdateTranslation(Text("en", "Original text.", "volunteer", Now.AddHours(1)), "volunteer", Now.AddHours(1)).Should().BeNull();

        var english = In(contribution, "en");
        (english.AuthorId, english.OutdatedSince, english.EditedAt).Should().Be(("translator", null, null));
        contribution.OutdatedLanguages.Should().BeEmpty();
    }

    [Fact]
    public void Updating_is_refused_for_an_up_to_date_translation_the_original_a_missing_language_and_a_hidden_contribution()
    {
        var contribution = Translated();
        Action upToDate = () => contribution.UpdateTranslation(Text("en", "Other.", "volunteer", Now), "volunteer", Now);
        upToDate.Should().Throw<ForumException>().Where(e => e.Rule == "translation.not-outdated" && e.Kind == FailureKind.Conflict);
        contribution.CanUpdateTranslation("en").Should().BeFalse();

        contribution.Edit(Text("fr", "Texte corrigé.", "author", Now.AddMinutes(5)), "author", Window, Now.AddMinutes(5));
        contribution.CanUpdateTranslation("en").Should().BeTrue();
        Action original = () => contribution.UpdateTranslation(Text("fr", "Autre.", "volunteer", Now), "volunteer", Now);
        original.Should().Throw<ForumException>().Where(e => e.Rule == "translation.is-original");
        Action missing = () => contribution.UpdateTranslation(Text("es", "Otro.", "volunteer", Now), "volunteer", Now);
        missing.Should().Throw<ForumException>().Where(e => e.Rule == "version.not-found" && e.Kind == FailureKind.NotFound);

        contribution.Hide("Spam", "moderator", Now);
        Action hidden = () => contribution.UpdateTranslation(Text("en", "Other.", "volunteer", Now), "volunteer", Now);
        hidden.Should().Throw<ForumException>().Where(e => e.Rule == "contribution.hidden");
        In(contribution, "en").OutdatedSince.Should().NotBeNull();
    }

    [Fact]
    public void Hiding_tombstoning_and_restoring_mark_nothing()
    {
        var contribution = Translated();
        contribution.Hide("Spam", "moderator", Now.AddMinutes(1));
        contribution.Restore();
        contribution.Tombstone("Removed", Now.AddMinutes(2));
        contribution.Versions.Should().OnlyContain(v => v.OutdatedSince == null);
        contribution.OutdatedLanguages.Should().BeEmpty();
    }

    [Fact]
    public void Removing_a_stale_translation_removes_its_language_from_the_outdated_ones()
    {
        var contribution = Translated();
        contribution.Edit(Text("fr", "Texte corrigé.", "author", Now.AddMinutes(5)), "author", Window, Now.AddMinutes(5));
        contribution.RemoveTranslationsBy("translator");
        contribution.OutdatedLanguages.Should().BeEmpty();
    }
}
