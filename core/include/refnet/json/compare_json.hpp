// JSON of what changed between two dates (report/compare.hpp).
#pragma once

#include <refnet/json/stream.hpp>
#include <refnet/report/compare.hpp>

#include <nlohmann/json.hpp>

namespace refnet {

nlohmann::json params_json(const CompareParams& p);
// With `stream`, the per-user moves are written by it (json/stream.hpp);
// `r` must outlive the writing.
nlohmann::json compare_json(const CompareReport& r, StreamedDocument* stream = nullptr);

}  // namespace refnet
