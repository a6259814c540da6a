// `--input-format auto`: decides an input's format from its content (never
// from its name), and says why.
#pragma once

#include <refnet/io/graph_parser.hpp>
#include <refnet/io/load.hpp>

#include <string>
#include <string_view>

namespace refnet {

struct Detection {
  InputFormat format = InputFormat::kAuto;
  SnapColumns snap;      // for kSnap: which optional columns
  std::string reason;    // one line, for the user
};

// Looks at the first lines of `data` (already decompressed). Throws InputError
// when no format fits.
Detection detect_format(std::string_view data, const std::string& name);

// The optional columns of a SNAP edge list, decided from its first lines.
SnapColumns detect_snap_columns(std::string_view data);

}  // namespace refnet
