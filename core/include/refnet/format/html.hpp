// The self-contained HTML report: the front-end bundle (web/, built by esbuild
// when refnet is built and compiled into the library) with the report's data
// put in place of the template's placeholders (web/DATA.md, "Embedding").
//
//   <!--REFNET:TITLE-->   the title, HTML-escaped
//   <!--REFNET:STYLE-->   the style sheet
//   <!--REFNET:SCRIPT-->  the script
//   <!--REFNET:DATA-->    the data as JSON, every '<' written \u003c, so that
//                         neither "</script" nor "<!--" can occur in the block
//
// Each placeholder is replaced once, in the template only: text put in is never
// searched again, so data that spells a placeholder stays data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace refnet {

struct WebBundle {
  std::string_view page_template;
  std::string_view style;
  std::string_view script;
};

// The bundle this library was built with, or nullopt when it was built without
// one (no Node.js or npm at build time, or -DREFNET_WEB=OFF); then
// web_bundle_missing() says what was missing.
std::optional<WebBundle> embedded_web_bundle();
std::string_view web_bundle_missing();

// & < > " as entities, for text and attribute values.
std::string html_escape(std::string_view text);
// JSON text safe inside <script type="application/json">: '<' -> \u003c (a '<'
// can only occur inside a JSON string, where the escape means the same).
std::string script_safe_json(std::string_view json);

// The page: throws std::invalid_argument when the template does not hold each
// placeholder exactly once.
std::string assemble_html(const WebBundle& bundle, std::string_view title, std::string_view data_json);

}  // namespace refnet
