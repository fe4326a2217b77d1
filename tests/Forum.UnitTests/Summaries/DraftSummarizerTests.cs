using Forum.Synthesis.Summaries;

namespace Forum.UnitTests.Summaries;

public class DraftSummarizerTests
{
    private readonly DraftSummarizer _summarizer = new();

    private static readonly string[] LanguageCodes = ["en", "fr", "es"];

    public static TheoryData<string> Languages => new(LanguageCodes);

    [Theory]
    [InlineData("en", 101L, 0, 102L, 0, 104L, 0)]
    [InlineData("fr", 201L, 0, 205L, 2, 203L, 0)]
    [InlineData("es", 301L, 0, 305L, 2, 304L, 0)]
    public void Picks_the_sentences_that_restate_the_central_theme(
        string language, long firstId, int firstIndex, long secondId, int secondIndex, long thirdId, int thirdIndex)
    {
        var result = _summarizer.Summarize(language, CorpusOf(language));

        result.Language.Should().Be(language);
        result.ContributionCount.Should().Be(7);
        result.SentenceCount.Should().Be(17);
        result.Sentences.Should().HaveCount(5);
        result.Sentences.Take(3).Select(s => (s.ContributionId, s.SentenceIndex))
            .Should().Equal((firstId, firstIndex), (secondId, secondIndex), (thirdId, thirdIndex));
        result.Sentences.Select(s => s.Text).Should().NotIntersectWith(OffTopicOf(language));
        result.Sentences.Select(s => s.Score).Should().BeInDescendingOrder();
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_draft_sentence_links_back_to_its_contribution(string language)
    {
        var corpus = CorpusOf(language);

        var result = _summarizer.Summarize(language, corpus);

        foreach (var sentence in result.Sentences)
        {
            var source = corpus.Single(s => s.ContributionId == sentence.ContributionId);
            var plainText = MarkdownPlainText.Convert(source.Markdown);
            plainText.Should().Contain(sentence.Text);
            SentenceSplitter.Split(plainText)[sentence.SentenceIndex].Should().Be(sentence.Text);
        }
    }

    [Theory]
    [InlineData("en", "cooperatives", "cooperative", 6, new[] { "the", "and", "in", "our", "for", "they" })]
    [InlineData("fr", "coopératives", "coopérative", 6, new[] { "les", "des", "la", "le", "et", "sur", "l'argent" })]
    [InlineData("es", "cooperativas", "cooperativa", 6, new[] { "los", "las", "la", "el", "de", "y", "en" })]
    public void Key_terms_merge_inflections_and_skip_stop_words(
        string language, string expectedTerm, string mergedForm, int contributions, string[] stopWords)
    {
        var result = _summarizer.Summarize(language, CorpusOf(language));

        result.KeyTerms.Should().HaveCount(10);
        result.KeyTerms[0].Term.Should().Be(expectedTerm);
        result.KeyTerms[0].ContributionCount.Should().Be(contributions);
        result.KeyTerms.Select(t => t.Term).Should().NotContain(mergedForm).And.NotIntersectWith(stopWords);
        result.KeyTerms.Select(t => t.Stem).Should().OnlyHaveUniqueItems().And.NotIntersectWith(stopWords);
        result.KeyTerms.Should().OnlyContain(t => t.Stem.Length >= 3 && t.Term.Any(char.IsLetter) && !t.Term.Contains('\''));
        result.KeyTerms.Select(t => t.Weight).Should().BeInDescendingOrder();
    }

    [Fact]
    public void Key_terms_show_the_most_frequent_written_form_without_elision()
    {
        var sources = new SummarySource[]
        {
            new(1, "L'économie locale change. Les économies locales changent aussi."),
            new(2, "L'économie du quartier repose sur l'économie sociale."),
        };

        var result = _summarizer.Summarize("fr", sources);

        result.KeyTerms.Should().ContainSingle(t => t.Stem == "econom")
            .Which.Should().BeEquivalentTo(new { Term = "économie", ContributionCount = 2 });
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Gives_the_same_draft_on_every_run_and_for_any_input_order(string language)
    {
        var corpus = CorpusOf(language);
        var expected = _summarizer.Summarize(language, corpus);
        var random = new Random(20240611);

        for (var run = 0; run < 3; run++)
        {
            var shuffled = corpus.ToArray();
            random.Shuffle(shuffled);

            var result = _summarizer.Summarize(language, shuffled);

            result.Should().BeEquivalentTo(expected, options => options.WithStrictOrdering());
        }
    }

    [Fact]
    public void Can_be_called_from_several_threads_at_once()
    {
        var expected = LanguageCodes.Select(l => _summarizer.Summarize(l, CorpusOf(l))).ToArray();
        var results = new DraftSummaryResult[24];

        Parallel.For(0, results.Length, i =>
        {
            var language = LanguageCodes[i % 3];
            results[i] = _summarizer.Summarize(language, CorpusOf(language));
        });

        for (var i = 0; i < results.Length; i++)
        {
            results[i].Should().BeEquivalentTo(expected[i % 3], options => options.WithStrictOrdering());
        }
    }

    [Fact]
    public void Never_picks_near_duplicates_nor_more_than_two_sentences_of_one_contribution()
    {
        var sources = new SummarySource[]
        {
            new(1, "Neighbourhood cooperatives repair bicycles for local families. Neighbourhood cooperatives lend tools to local families. "
                + "Neighbourhood cooperatives cook meals for local families. Neighbourhood cooperatives teach gardening to local families."),
            new(2, "Neighbourhood cooperatives repair bicycles for local families."),
            new(3, "Local families trust neighbourhood cooperatives with their savings."),
        };

        var result = _summarizer.Summarize("en", sources);

        result.Sentences.Count(s => s.ContributionId == 1).Should().BeLessThanOrEqualTo(2);
        result.Sentences.Select(s => s.Text).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Sentences_with_fewer_than_four_content_words_are_never_picked()
    {
        var sources = new SummarySource[]
        {
            new(1, "Cooperatives create jobs. Our town council funds cooperatives that create jobs for young residents."),
            new(2, "Cooperatives create jobs! The regional plan helps cooperatives create jobs in rural villages."),
        };

        var result = _summarizer.Summarize("en", sources);

        result.Sentences.Should().NotBeEmpty();
        result.Sentences.Should().OnlyContain(s => s.SentenceIndex == 1);
    }

    [Fact]
    public void Keeps_the_first_of_duplicate_contribution_ids()
    {
        var sources = new SummarySource[]
        {
            new(7, "Community gardens grow vegetables for the local food bank every summer."),
            new(7, "Completely different words about mountain railways and tunnels appear here."),
        };

        var result = _summarizer.Summarize("en", sources);

        result.ContributionCount.Should().Be(1);
        result.Sentences.Should().ContainSingle().Which.Text.Should().StartWith("Community gardens");
    }

    [Theory]
    [InlineData("de")]
    [InlineData("")]
    [InlineData("english")]
    public void Unknown_language_throws(string language)
    {
        var act = () => _summarizer.Summarize(language, SummaryCorpora.English);

        act.Should().Throw<ArgumentException>().WithParameterName("language");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Empty_corpus_gives_an_empty_result(string language)
    {
        var result = _summarizer.Summarize(language, []);

        result.Should().BeEquivalentTo(new DraftSummaryResult(language, 0, 0, [], []));
    }

    [Fact]
    public void Contributions_without_text_count_but_give_nothing()
    {
        var result = _summarizer.Summarize("es", [new SummarySource(1, ""), new SummarySource(2, "  ")]);

        result.ContributionCount.Should().Be(2);
        result.SentenceCount.Should().Be(0);
        result.Sentences.Should().BeEmpty();
        result.KeyTerms.Should().BeEmpty();
    }

    private static SummarySource[] CorpusOf(string language) => language switch
    {
        "en" => SummaryCorpora.English,
        "fr" => SummaryCorpora.French,
        _ => SummaryCorpora.Spanish,
    };

    private static string[] OffTopicOf(string language) => language switch
    {
        "en" => SummaryCorpora.EnglishOffTopic,
        "fr" => SummaryCorpora.FrenchOffTopic,
        _ => SummaryCorpora.SpanishOffTopic,
    };
}
