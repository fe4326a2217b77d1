using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Pages;

/// <summary>The live script closes the form from the domain's answer, which the page hands it, instead of its own idea of the rule.</summary>
public class LiveScriptRulesTests(DemoForumApp app) : IClassFixture<DemoForumApp>
{
    [Fact]
    public async Task The_phase_page_tells_the_live_script_the_states_that_take_contributions()
    {
        var html = await app.CreateClient().GetStringAsync("/en/phases/3");
        html.Should().Contain("data-posting-states=\"open\"");
    }

    [Fact]
    public async Task The_live_script_reads_the_states_from_the_page_and_writes_no_state_of_its_own()
    {
        var script = await app.CreateClient().GetStringAsync("/js/phase-live.js");
        script.Should().Contain("dataset.postingStates").And.NotContain("!== \"open\"");
    }
}
