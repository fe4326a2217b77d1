using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Text;

namespace Forum.UnitTests.Contributions;

public class ContributionTests
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly VersionText Texts = new(new ForumLanguages(["en", "fr", "es"]), new ForumOptions(), new MarkdownRenderer());

    private static ContributionVersion Version(string language, string? title = "Un titre") =>
        Texts.Create(language, title, "Un texte **court**.", titleRequired: false, "author", Now);

    private static Contribution Posted(string language = "fr") =>
        Contribution.Start(1, PhaseState.Open, "author", Version(language), Now);

    [Theory]
    [InlineData(PhaseState.Scheduled)]
    [InlineData(PhaseState.Closed)]
    public void Posting_needs_an_open_phase(PhaseState state)
    {
        var act = () => Contribution.Start(1, state, "author", Version("fr"), Now);
        act.Should().Throw<ForumException>().Where(e => e.Rule == "phase.not-open" && e.Kind == FailureKind.Conflict);
    }

    [Fact]
    public void A_new_contribution_is_readable_in_its_original_language()
    {
        var contribution = Posted("fr");
        contribution.OriginalLanguage.Should().Be("fr");
        contribution.Languages.Should().Be("fr");
    }

    [Fact]
    public void Translations_add_languages_in_a_stable_order()
    {
        var contribution = Posted("fr");
        contribution.Translate(PhaseState.Open, Version("es"));
        contribution.Translate(PhaseState.Closed, Version("en"));
        contribution.Languages.Should().Be("en,es,fr");
        contribution.Versions.Should().HaveCount(3);
    }

    [Fact]
    public void A_second_version_in_the_same_language_is_refused()
    {
        var contribution = Posted("fr");
        var act = () => contribution.Translate(PhaseState.Open, Version("fr"));
        act.Should().Throw<ForumException>().Where(e => e.Rule == "version.language-taken" && e.Field == "language");
        contribution.Versions.Should().HaveCount(1);
    }

    [Fact]
    public void Translating_before_the_phase_opens_is_refused()
    {
        var contribution = Posted("fr");
        var act = () => contribution.Translate(PhaseState.Scheduled, Version("en"));
        act.Should().Throw<ForumException>().Which.Rule.Should().Be("phase.not-open-yet");
    }

    [Fact]
    public void Replies_go_one_level_deep()
    {
        var parent = Posted();
        parent.Id = 7;
        var reply = parent.Reply(PhaseState.Open, "other", Version("en", null), Now);
        reply.ParentId.Should().Be(7);
        reply.PhaseId.Should().Be(parent.PhaseId);

        reply.Id = 8;
        var act = () => reply.Reply(PhaseState.Open, "third", Version("es", null), Now);
        act.Should().Throw<ForumException>().Which.Rule.Should().Be("reply.too-deep");
    }

    [Fact]
    public void Replying_to_a_closed_phase_is_refused()
    {
        var act = () => Posted().Reply(PhaseState.Closed, "other", Version("en", null), Now);
        act.Should().Throw<ForumException>().Which.Rule.Should().Be("phase.not-open");
    }

    [Fact]
    public void Hiding_keeps_the_contribution_and_restoring_clears_the_reason()
    {
        var contribution = Posted();
        var token = contribution.ConcurrencyToken;
        contribution.Hide("Insults", "moderator", Now);
        contribution.IsHidden.Should().BeTrue();
        contribution.HiddenReason.Should().Be("Insults");
        contribution.ConcurrencyToken.Should().NotBe(token);
        contribution.Versions.Should().HaveCount(1);

        contribution.Restore();
        contribution.IsHidden.Should().BeFalse();
        contribution.HiddenReason.Should().BeNull();
        var again = () => contribution.Restore();
        again.Should().Throw<ForumException>().Which.Rule.Should().Be("contribution.not-hidden");
    }

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    private static ContributionVersion NewText(string language, string body, DateTime at) =>
        Texts.Create(language, "Un titre", body, titleRequired: true, "author", at);

    [Fact]
    public void Each_edit_keeps_the_text_it_replaces_and_the_window_counts_from_the_writing()
    {
        var contribution = Posted("fr");
        var token = contribution.ConcurrencyToken;

        var first = contribution.Edit(NewText("fr", "Deuxième texte.", Now.AddMinutes(10)), "author", Window, Now.AddMinutes(10))!;
        first.Body.Should().Be("Un texte **court**.");
        (first.WrittenAt, first.ReplacedAt).Should().Be((Now, Now.AddMinutes(10)));
        var second = contribution.Edit(NewText("fr", "Troisième texte.", Now.AddMinutes(20)), "author", Window, Now.AddMinutes(20))!;
        (second.Body, second.WrittenAt).Should().Be(("Deuxième texte.", Now.AddMinutes(10)));

        var version = contribution.Versions.Single();
        (version.Body, version.EditedAt, version.UpdatedAt, version.CreatedAt).Should().Be(("Troisième texte.", Now.AddMinutes(20), Now.AddMinutes(20), Now));
        version.BodyHtml.Should().Be("<p>Troisième texte.</p>\n");
        contribution.ConcurrencyToken.Should().NotBe(token);

        var late = () => contribution.Edit(NewText("fr", "Trop tard.", Now.AddMinutes(30)), "author", Window, Now.AddMinutes(30));
        late.Should().Throw<ForumException>().Where(e => e.Rule == "edit.window-closed" && e.Kind == FailureKind.Conflict && e.Message.Contains("30 minutes"));
    }

    [Fact]
    public void Only_the_author_edits_and_the_same_text_changes_nothing()
    {
        var contribution = Posted("fr");
        var token = contribution.ConcurrencyToken;
        var other = () => contribution.Edit(NewText("fr", "Autre.", Now), "someone-else", Window, Now);
        other.Should().Throw<ForumException>().Where(e => e.Rule == "edit.not-author" && e.Kind == FailureKind.Forbidden);
        var off = () => contribution.Edit(NewText("fr", "Autre.", Now), "author", TimeSpan.Zero, Now);
        off.Should().Throw<ForumException>().Where(e => e.Rule == "edit.disabled");

        contribution.Edit(NewText("fr", "Un texte **court**.", Now), "author", Window, Now).Should().BeNull();
        contribution.ConcurrencyToken.Should().Be(token);
        contribution.Versions.Single().EditedAt.Should().BeNull();

        contribution.Hide("Spam", "moderator", Now);
        var hidden = () => contribution.Edit(NewText("fr", "Caché.", Now), "author", Window, Now);
        hidden.Should().Throw<ForumException>().Where(e => e.Rule == "contribution.hidden");
    }

    [Fact]
    public void Removing_a_translators_versions_keeps_the_original_and_the_others()
    {
        var contribution = Posted("fr");
        contribution.Translate(PhaseState.Open, Texts.Create("en", "A title", "A text.", titleRequired: false, "translator", Now));
        contribution.Translate(PhaseState.Open, Texts.Create("es", "Un título", "Un texto.", titleRequired: false, "someone-else", Now));
        var token = contribution.ConcurrencyToken;

        contribution.RemoveTranslationsBy("translator").Should().Be(1);
        contribution.RemoveTranslationsBy("author").Should().Be(0, "the original is never removed as a translation");

        contribution.Versions.Select(v => v.Language).Should().BeEquivalentTo("fr", "es");
        contribution.Languages.Should().Be(ForumLanguages.Combination(["fr", "es"]));
        contribution.ConcurrencyToken.Should().NotBe(token);
    }

    [Fact]
    public void A_tombstone_is_hidden_and_keeps_no_text()
    {
        var contribution = Posted("fr");
        contribution.Translate(PhaseState.Open, Texts.Create("en", "A title", "A text.", titleRequired: false, "translator", Now));

        contribution.Tombstone("gone", Now.AddDays(1));

        contribution.IsHidden.Should().BeTrue();
        contribution.HiddenReason.Should().Be("gone");
        contribution.Versions.Should().HaveCount(2).And.OnlyContain(v => v.Body == "" && v.BodyHtml == "" && v.Title == "");
        contribution.Languages.Should().Be(ForumLanguages.Combination(["fr", "en"]), "the thread keeps its shape; only the words go");
    }
}
