// JSON, CSV and text for the influence analyses: spread and seeds.
#pragma once

#include <refnet/algo/influence/seeds.hpp>
#include <refnet/algo/influence/spread.hpp>
#include <refnet/events/network.hpp>

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

}  // namespace refnet
