#include <refnet/format/html.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <vector>

namespace refnet {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string script_safe_json(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 64);
  for (char c : json) {
    if (c == '<')
      out += "\\u003c";
    else
      out += c;
  }
  return out;
}

std::string assemble_html(const WebBundle& bundle, std::string_view title, std::string_view data_json) {
  const std::string escaped_title = html_escape(title);
  const std::string data = script_safe_json(data_json);
  struct Slot {
    std::string_view placeholder;
    std::string_view text;
    std::size_t at = 0;
  };
  std::array<Slot, 4> slots = {{{"<!--REFNET:TITLE-->", escaped_title},
                                {"<!--REFNET:STYLE-->", bundle.style},
                                {"<!--REFNET:SCRIPT-->", bundle.script},
                                {"<!--REFNET:DATA-->", data}}};
  const std::string_view page = bundle.page_template;
  for (Slot& s : slots) {
    s.at = page.find(s.placeholder);
    if (s.at == std::string_view::npos || page.find(s.placeholder, s.at + 1) != std::string_view::npos)
      throw std::invalid_argument("the report template must hold " + std::string(s.placeholder) + " exactly once");
  }
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.at < b.at; });
  std::size_t size = page.size();
  for (const Slot& s : slots) size += s.text.size();
  std::string out;
  out.reserve(size);
  std::size_t from = 0;
  for (const Slot& s : slots) {
    out.append(page.substr(from, s.at - from));
    out.append(s.text);
    from = s.at + s.placeholder.size();
  }
  out.append(page.substr(from));
  return out;
}

}  // namespace refnet
