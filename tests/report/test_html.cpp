// The HTML assembly (format/html.hpp): escaping, and one pass over the
// template so that inserted text is never read as a placeholder.
#include <refnet/format/html.hpp>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using namespace refnet;

TEST_CASE("the title is HTML-escaped and the data cannot close its script block", "[report][html]") {
  CHECK(html_escape("a & <b> \"c\" 'd'") == "a &amp; &lt;b&gt; &quot;c&quot; 'd'");
  const std::string json = nlohmann::json{{"id", "</script><!--x-->"}}.dump();
  const std::string safe = script_safe_json(json);
  CHECK(safe.find('<') == std::string::npos);
  CHECK(nlohmann::json::parse(safe) == nlohmann::json::parse(json));  // the same JSON value
}

TEST_CASE("each placeholder is replaced once, in the template only", "[report][html]") {
  const WebBundle bundle{
      "<title><!--REFNET:TITLE--></title><style><!--REFNET:STYLE--></style>"
      "<script id=d><!--REFNET:DATA--></script><script><!--REFNET:SCRIPT--></script>",
      "body{}", "run()"};
  // The title and the data spell placeholders: they must come out as text.
  const std::string html = assemble_html(bundle, "<!--REFNET:SCRIPT-->", R"({"s":"<!--REFNET:STYLE-->"})");
  CHECK(html ==
        "<title>&lt;!--REFNET:SCRIPT--&gt;</title><style>body{}</style>"
        "<script id=d>{\"s\":\"\\u003c!--REFNET:STYLE-->\"}</script><script>run()</script>");
  const WebBundle missing{"<!--REFNET:TITLE--><!--REFNET:STYLE--><!--REFNET:SCRIPT-->", "", ""};
  CHECK_THROWS_AS(assemble_html(missing, "t", "{}"), std::invalid_argument);
  const WebBundle twice{
      "<!--REFNET:TITLE--><!--REFNET:STYLE--><!--REFNET:SCRIPT--><!--REFNET:DATA--><!--REFNET:DATA-->", "", ""};
  CHECK_THROWS_AS(assemble_html(twice, "t", "{}"), std::invalid_argument);
}

TEST_CASE("this build carries the front-end when it was built with one", "[report][html]") {
  const auto bundle = embedded_web_bundle();
#ifdef REFNET_TEST_WEB_AVAILABLE
  REQUIRE(bundle);
  CHECK(web_bundle_missing().empty());
  for (const char* p : {"<!--REFNET:TITLE-->", "<!--REFNET:STYLE-->", "<!--REFNET:SCRIPT-->", "<!--REFNET:DATA-->"})
    CHECK(bundle->page_template.find(p) != std::string_view::npos);
  CHECK(bundle->script.size() > 100000);
  CHECK(bundle->script.find("</script") == std::string_view::npos);
  CHECK(bundle->style.find("</style") == std::string_view::npos);
#else
  CHECK_FALSE(bundle);
  CHECK_FALSE(web_bundle_missing().empty());
#endif
}
