// Text made safe for the formats refnet writes: CSV cells for spreadsheets and
// XML for GEXF and GraphML. Invalid UTF-8 never passes through.
#pragma once

#include <string>
#include <string_view>

namespace refnet {

// The append_ forms add to `out`, for writers that build large buffers.
// `s` with every ill-formed UTF-8 byte replaced by U+FFFD.
void append_valid_utf8(std::string& out, std::string_view s);
void append_xml_escaped(std::string& out, std::string_view s);
void append_csv_text(std::string& out, std::string_view cell);

// One text cell of a CSV table: invalid UTF-8 replaced, a leading = + - @ tab
// or CR prefixed with ' (so spreadsheets do not evaluate it as a formula), then
// quoted per RFC 4180 when it holds a comma, quote, CR or LF (quotes doubled).
// Numeric cells must not go through this: -1 has to stay a number.
std::string csv_escape_text(std::string_view cell);
// Text for XML attribute values and character data: & < > " ' as entities,
// tab/LF/CR as character references (so attribute values keep them), other
// characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF) and invalid UTF-8
// replaced with U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace refnet
