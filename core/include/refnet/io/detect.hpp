// `--input-format auto`: decides an input's format from a prefix of its
// content, and says why, in one line that also names the other plausible
// reading and the --input-format that forces it. Two extensions are strong
// hints: `.gml` is always GML, `.inf` (rows of three columns) always the IMM
// form, so that a bad row is an error there rather than a different format.
// Whether a first line `n m` is a header is decided by the parser against the
// whole body (graph_parser.hpp, FirstLine::kDecide).
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
  bool header_candidate = false;  // kSnap: line 1 is two integers, perhaps an `n m` header
};

// Looks at the first lines of `data` (decompressed; the whole input when
// `whole`, else a prefix whose last line may be cut). `name` gives the
// extension hints and the messages. Throws InputError when no format fits, or
// at a NUL byte. An event log's header is known by its type and src columns,
// named `type_column` and `src_column` (--columns may rename them), split by
// `delimiter` (0: a tab or a comma, as --delimiter may choose another).
Detection detect_format(std::string_view data, const std::string& name, bool whole = true,
                        std::string_view type_column = "type", std::string_view src_column = "src",
                        char delimiter = 0);

// The optional columns of a SNAP edge list, decided from its first lines.
SnapColumns detect_snap_columns(std::string_view data);

}  // namespace refnet
