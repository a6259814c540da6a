// JSON, CSV and text for the influence analyses: spread and seeds.
#pragma once

#include <refnet/algo/seeds.hpp>
#include <refnet/algo/spread.hpp>
#include <refnet/graph/network.hpp>

#include <nlohmann/json.hpp>

#include <ostream>
#include <span>
#include <string>

namespace refnet {

nlohmann::json params_json(const InfluenceModelParams& p);
nlohmann::json params_json(const SeedsParams& p);
nlohmann::json params_json(const SpreadParams& p);

// The model actually used (probability resolved from auto) and its size.
nlohmann::json model_json(const InfluenceGraph& g, TieSign ties);

nlohmann::json spread_json(const Network& net, const InfluenceGraph& g, TieSign ties, std::span<const VertexId> seeds,
                           const SpreadResult& r);
nlohmann::json seeds_json(const Network& net, const InfluenceGraph& g, TieSign ties, const SeedsParams& p,
                          const SeedsResult& r);

// One row per seed: rank, id, marginal spread, cumulative spread.
void write_seeds_csv(std::ostream& out, const nlohmann::json& seeds_result);
std::string render_seeds(const nlohmann::json& seeds_result);
std::string render_spread(const nlohmann::json& spread_result);

}  // namespace refnet
