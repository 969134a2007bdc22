// Liquid and Hugo shortcodes read before the Markdown (read/templates.hpp).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

#include "read/templates.hpp"

using namespace octavo;

namespace {
std::string expand(const std::string& body, Warnings* warnings = nullptr,
                   const std::string& base_dir = "/nonexistent") {
    Article a;
    a.source = "t.md";
    a.base_dir = base_dir;
    a.body = body;
    a.body_line = 5;
    a.meta.title = "The Title";
    a.meta.date = "2019-05-21";
    Warnings w;
    std::string out = expand_templates(a, warnings ? *warnings : w);
    return out;
}
} // namespace

TEST_CASE("Liquid: raw, comments, highlight and the page's variables", "[templates]") {
    CHECK(expand("no template code here {not} either") == "no template code here {not} either");
    CHECK(expand("{% raw %}{{ page.title }} {% if x %}{% endraw %}!") ==
          "{{ page.title }} {% if x %}!");
    CHECK(expand("A {% comment %}hidden {{ x }}{% endcomment %}B") == "A B");
    CHECK(expand("{% highlight ruby linenos %}\ndef x\n  `y`\nend\n{% endhighlight %}\n") ==
          "\n```ruby\ndef x\n  `y`\nend\n```\n\n");
    CHECK(expand("{{ page.title }}, {{page.date | date: \"%Y\"}}, [{{ site.unknown }}]") ==
          "The Title, 2019-05-21, []");
    CHECK(expand("{%- if page.title -%}yes{% else %}no{% endif %} "
                 "{% if page.nothing %}a{% elsif page.date %}b{% else %}c{% endif %} "
                 "{% unless page.title %}u{% endunless %}{% if page.title == \"The Title\" %}eq{% "
                 "endif %}") == "yes b eq");
    CHECK(expand("[a]({% link _docs/x.md %}) [b]({% post_url 2010-07-21-name %})") ==
          "[a](/_docs/x.md) [b](/_posts/2010-07-21-name.md)");
    // Loops over the site's data iterate nothing; assignments show nothing.
    CHECK(expand("<ul>{% for p in site.posts %}<li>{{ p.title }}</li>{% endfor %}</ul>"
                 "{% assign x = 1 %}{% capture c %}kept?{% endcapture %}") == "<ul></ul>");
}

TEST_CASE("Liquid in code is the subject: only raw markers are taken out", "[templates]") {
    CHECK(expand("```liquid\n{% raw %}{% if x %}{{ y }}{% endif %}{% endraw %}\n```\n") ==
          "```liquid\n{% if x %}{{ y }}{% endif %}\n```\n");
    CHECK(expand("Use `{{ page.title }}` or `{% raw %}{% include a %}{% endraw %}`.") ==
          "Use `{{ page.title }}` or `{% include a %}`.");
    CHECK(expand("    indented {{ code }}\n") == "    indented {{ code }}\n");
}

TEST_CASE("what needs the site is left out with one warning naming its line", "[templates]") {
    Warnings w;
    CHECK(expand("One.\n\n{% include note.html %}\n\n{% include other.html %}\n", &w) ==
          "One.\n\n\n\n\n");
    REQUIRE(w.size() == 1);
    CHECK(w[0].line == 7);
    CHECK(w[0].message.find("{% include %}") != std::string::npos);
}

TEST_CASE("the site's _config.yml gives {{ site.x }}", "[templates]") {
    std::string dir = "/tmp/octavo-templates-test";
    std::system(("mkdir -p " + dir + "/_posts").c_str());
    std::ofstream(dir + "/_config.yml") << "title: My Site\nrepository: me/site\nlist: [1, 2]\n";
    CHECK(expand("{{ site.title }} at {{ site.repository }}{{ site.list }}", nullptr,
                 dir + "/_posts") == "My Site at me/site");
    std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("Hugo shortcodes", "[templates]") {
    CHECK(expand("{{< figure src=\"a.png\" alt=\"A\" title=\"The a\\\" >}}") ==
          "\n\n![A](<a.png> \"The a\")\n\n");
    CHECK(expand("{{< figure src=\"a.png\" caption=\"Cap\" >}}") ==
          "\n\n![Cap](<a.png> \"Cap\")\n\n");
    CHECK(expand("[x]({{< ref \"posts/x.md\" >}}) [y]({{< relref \"y\" >}})") ==
          "[x](/posts/x.md) [y](/y)");
    CHECK(expand("{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}") ==
          "\n```go\nfunc main() {}\n```\n");
    CHECK(expand("{{< youtube dQw4w9WgXcQ >}}") == "<https://www.youtube.com/watch?v=dQw4w9WgXcQ>");
    CHECK(expand("{{< tweet user=\"jack\" id=\"20\" >}}") == "<https://x.com/jack/status/20>");
    CHECK(expand("{{< param title >}}") == "The Title");
    Warnings w;
    CHECK(expand("{{% notice tip %}}\n**Tip**: {{< param title >}}\n{{% /notice %}}", &w) ==
          "\n**Tip**: The Title\n");
    CHECK(w.size() == 1);
    CHECK(expand("{{< details summary=\"More <b>\" >}}\nText\n{{< /details >}}") ==
          "\n\n<details><summary>More &lt;b></summary>\n\n\nText\n\n\n</details>\n\n");
    // Escaped in code, shown as written.
    CHECK(expand("```\n{{</* figure src=\"x\" */>}}\n```\n") ==
          "```\n{{< figure src=\"x\" >}}\n```\n");
}

TEST_CASE("an include shows what it was given to show", "[templates]") {
    Warnings w;
    CHECK(expand("Since version {% include docs_version_badge.html version=\"3.2\" %}, it works.",
                 &w) == "Since version 3.2, it works.");
    CHECK(expand("A.\n{% include note.html content='A note to the reader.' %}\nB.", &w) ==
          "A.\n\n\nA note to the reader.\n\n\nB.");
    CHECK(expand("{% include figure image_path=\"/assets/a b.png\" alt=\"A map\" "
                 "caption='The \"map\"' %}",
                 &w) == "\n\n![A map](</assets/a b.png> \"The map\")\n\n");
    CHECK(w.empty());
    // Given nothing to show (a variable, an id): left out, with a warning.
    CHECK(expand("{% include table.html scope=site.data.x %}{% include youtube.html id=\"abc\" %}",
                 &w) == "");
    REQUIRE(w.size() == 1);
    CHECK(w[0].message.find("{% include %}") != std::string::npos);
}
