// JSON and CSV for the centralities (algo/pagerank, algo/kcore, algo/betweenness).
#pragma once

#include <refnet/algo/centrality/betweenness.hpp>
#include <refnet/algo/centrality/kcore.hpp>
#include <refnet/algo/centrality/pagerank.hpp>
#include <refnet/events/network.hpp>

#include <refnet/json/stream.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <span>
#include <string>

namespace refnet {

nlohmann::json params_json(const PageRankParams& p);
nlohmann::json params_json(const BetweennessParams& p);

// Per-vertex values as {"top": [{rank, id, value}] (the `top` highest, ties by
// vertex id), "vertices": [{id, value}] (every vertex, only when `all`)}.
// With `stream`, "vertices" is written by it (json/stream.hpp), not held in the
// DOM; `ids` must outlive the writing.
nlohmann::json scores_json(const IdTable& ids, std::span<const double> value, std::size_t top, bool all,
                           StreamedDocument* stream = nullptr);

nlohmann::json pagerank_json(const Network& net, const PageRankResult& r, std::size_t top, bool all,
                             StreamedDocument* stream = nullptr);
nlohmann::json kcore_json(const Network& net, const KCoreResult& r, std::size_t top, bool all,
                          StreamedDocument* stream = nullptr);
nlohmann::json betweenness_json(const Network& net, const BetweennessResult& r, std::size_t top, bool all,
                                StreamedDocument* stream = nullptr);

}  // namespace refnet
