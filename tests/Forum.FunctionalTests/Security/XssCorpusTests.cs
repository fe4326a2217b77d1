using System.Text.RegularExpressions;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Security;

/// <summary>Hostile Markdown and HTML posted as contributions, read back through the API and the pages: nothing executable survives.</summary>
public partial class XssCorpusTests(ForumApp app) : IClassFixture<ForumApp>
{
    public static readonly string[] Corpus =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<body onload=alert(1)>",
        "<svg onload=alert(1)><script>alert(2)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>XSS</text></a></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<embed src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![img](javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<a href=\"#\" onclick=\"alert(1)\">x</a>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<img src=x onerror=alert(1)//",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```",
        "<a href=\"  javascript:alert(1)\">x</a>",
    ];

    [Fact]
    public async Task No_payload_survives_in_the_API_or_the_pages()
    {
        var moderator = await app.ModeratorAsync();
        var phase = await moderator.CreateOpenPhaseAsync();
        var attacker = await app.ParticipantAsync("attacker");
        var ids = new List<long>();
        foreach (var payload in Corpus)
        {
            var posted = await attacker.PostContributionAsync(phase, "en", payload.Length > 150 ? payload[..150] : payload, "Intro.\n\n" + payload);
            ids.Add(posted["id"]!.GetValue<long>());
            var html = posted["versions"]![0]!["bodyHtml"]!.GetValue<string>();
            Dangerous(html).Should().BeEmpty($"the API's HTML of {payload}");
        }

        var list = await app.Anonymous().GetJsonAsync($"/api/phases/{phase}/contributions?limit=100");
        foreach (var item in list["items"]!.AsArray())
        {
            Dangerous(item!["shown"]!["bodyHtml"]!.GetValue<string>()).Should().BeEmpty();
        }

        var page = await app.CreateClient().GetStringAsync($"/en/phases/{phase}");
        var articles = Regex.Matches(page, "<article class=\"contribution\".*?</article>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        articles.Should().HaveCount(Corpus.Length);
        foreach (var article in articles)
        {
            Dangerous(article).Should().BeEmpty("titles are encoded and bodies sanitised on the page too");
        }
        foreach (var id in ids.Take(5))
        {
            var main = Regex.Match(await app.CreateClient().GetStringAsync($"/en/contributions/{id}"), "<main.*</main>", RegexOptions.Singleline).Value;
            main.Should().NotBeEmpty();
            Dangerous(main).Should().BeEmpty("the page's own content, where the versions are shown");
        }
    }

    [Fact]
    public void The_detector_finds_what_it_looks_for()
    {
        Dangerous("<p><img src=x onerror=alert(1)></p>").Should().HaveCount(2);
        Dangerous("<a href=\" JavaScript:alert(1)\">x</a>").Should().ContainSingle();
        Dangerous("<article class=\"contribution\"><form><input></form></article>").Should().HaveCount(2);
        Dangerous("<p>&lt;script&gt;alert(1)&lt;/script&gt; and onerror=alert(1)</p>").Should().BeEmpty("escaped text is only text");
    }

    private static readonly HashSet<string> ActiveElements =
        ["script", "iframe", "object", "embed", "svg", "math", "style", "meta", "base", "link", "form", "input", "frame", "frameset", "applet", "img"];

    /// <summary>
    /// What could run or load content, looked for in the parsed DOM (escaped text is harmless and ignored):
    /// active elements, event handlers, script and data URLs, style attributes.
    /// </summary>
    internal static List<string> Dangerous(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var found = new List<string>();
        foreach (var element in document.All)
        {
            var name = element.LocalName;
            var ours = name == "script" && element.GetAttribute("src") is { } src && (src.StartsWith("/lib/") || src.StartsWith("/js/"));
            if (ActiveElements.Contains(name) && !ours && !(name is "form" or "input" && element.Closest("article") is null))
            {
                found.Add($"<{name}>");
            }
            foreach (var attribute in element.Attributes)
            {
                var value = attribute.Value.Trim().ToLowerInvariant();
                if (attribute.LocalName.StartsWith("on") || attribute.LocalName == "style"
                    || (attribute.LocalName is "href" or "src" or "action" or "formaction" or "data" or "xlink:href"
                        && (value.StartsWith("javascript:") || value.StartsWith("vbscript:") || value.StartsWith("data:"))))
                {
                    found.Add($"<{name} {attribute.LocalName}=\"{attribute.Value}\">");
                }
            }
        }
        return found;
    }
}
